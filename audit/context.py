"""Who is acting in the current request, for signals that carry no user (settings saves, role changes)."""

import contextvars

_current_user = contextvars.ContextVar("audit_current_user", default=None)


def current_user():
    return _current_user.get()


class AuditUserMiddleware:
    """Remembers request.user for the request's duration; below AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_user.set(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            _current_user.reset(token)
