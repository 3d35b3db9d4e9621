"""Security headers Django does not send itself: the Content-Security-Policy (strict on the
public site, relaxed for the Wagtail admin, which relies on inline scripts and styles) and
Permissions-Policy.

Wagtail 8.0 still writes inline ``<script>`` elements into the editing screens, without a
nonce: date and time widgets (every page's go-live date), InlinePanel and
MultipleChooserPanel, and choosers rendered outside telepath (wagtail/admin/widgets/
chooser.py). A nonce would disable 'unsafe-inline' and break them, so signed-in editors keep
it. The screens an anonymous visitor can reach (sign-in, password reset) have no inline
script, only a JSON data block, which CSP does not govern: they get ``script-src 'self'``."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


def is_admin_path(path):
    return path.startswith("/" + settings.WAGTAIL_ADMIN_PATH)


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp with one policy per audience: ``CONTENT_SECURITY_POLICY`` for the public
    site, ``CONTENT_SECURITY_POLICY_ADMIN`` under ``WAGTAIL_ADMIN_PATH``."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            admin_policy = dict(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
            user = getattr(request, "user", None)
            if not (user is not None and user.is_authenticated):
                admin_policy["script-src"] = ["'self'"]
            return PolicyParts(admin_policy, parts.update, parts.replace, parts.nonce)
        return parts


class PermissionsPolicyMiddleware:
    """Turns off browser features the site never uses (camera, geolocation …), so injected
    or third-party code cannot ask for them either."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allow)})" for feature, allow in settings.PERMISSIONS_POLICY
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
