from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    """
    Mark every response the app itself produces as not to be stored by any cache.

    Pages carry client health data, and a shared or back-button cache must never keep them.
    Static files never reach this middleware: WhiteNoise answers them further up the stack.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response
