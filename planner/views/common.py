"""Small helpers shared by the planner's views."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseNotAllowed


def method_not_allowed(request: HttpRequest, *methods: str) -> HttpResponseNotAllowed | None:
    """Return a 405 response unless the request uses one of `methods`.

    Views of one clinician's objects load the object (scoped, 404 for anyone else) before they
    check the method, so another clinician gets the same 404 for every method and learns nothing
    about which objects exist (quality.md S2).
    """
    if request.method in methods:
        return None
    return HttpResponseNotAllowed(methods)


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: next to a field the form has, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
