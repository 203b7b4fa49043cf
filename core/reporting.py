"""Error reports never carry what a patient typed.

Django's default filter hides only parameters marked sensitive; here every
POST value is hidden, since any of them may be a note, a name or an answer.
"""

from django.views.debug import SafeExceptionReporterFilter


class PatientDataFilter(SafeExceptionReporterFilter):
    def is_active(self, request) -> bool:
        return True

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return dict.fromkeys(request.POST, self.cleansed_substitute)
