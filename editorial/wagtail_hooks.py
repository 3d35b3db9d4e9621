"""The Translators' no-delete rule, enforced where Wagtail deletes pages and snippets."""

from wagtail import hooks

from . import roles


@hooks.register("before_delete_page")
def forbid_translator_page_deletion(request, page):
    roles.forbid_translator_deletion(request)


@hooks.register("before_delete_snippet")
def forbid_translator_snippet_deletion(request, instances):
    roles.forbid_translator_deletion(request)
