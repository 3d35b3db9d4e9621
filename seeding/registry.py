"""The steps ``load_site_content`` runs, contributed by each app.

An app registers its loader from its ``AppConfig.ready()``::

    registry.register(content_loader.load, order=30)

Steps run in ``order`` (parents before children: the home page before the sections under
it); each is called as ``step(sync)`` with the run's ``ContentSync``.
"""

_steps = []


def register(step, order):
    if all(existing is not step for _order, existing in _steps):
        _steps.append((order, step))


def steps():
    return [step for _order, step in sorted(_steps, key=lambda item: item[0])]
