"""Error reports never carry what a patient typed.

Django's default filter hides only parameters marked sensitive; here every
POST value is hidden, since any of them may be a note, a name or an answer,
and so are the query string and the Referer (a search's words travel in
both).
"""

from django.views.debug import SafeExceptionReporterFilter

HIDDEN_META = ("HTTP_REFERER", "QUERY_STRING")


class PatientDataFilter(SafeExceptionReporterFilter):
    def is_active(self, request) -> bool:
        return True

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return dict.fromkeys(request.POST, self.cleansed_substitute)

    def get_safe_request_meta(self, request) -> dict:
        meta = super().get_safe_request_meta(request)
        for key in HIDDEN_META:
            if key in meta:
                meta[key] = self.cleansed_substitute
        return meta
