"""No form on this site takes a file: a file part is refused before a byte of
it is kept, in memory or in the temporary folder.

Django parses a multipart body when something first reads request.POST:
the CSRF check does, before it knows the token is wrong. With Django's
default handlers a file part over 2.5 MB is written to the temporary folder
by then. This handler, the only one installed, refuses the first file part
it is offered, so the request gets a 400 and nothing is written.
"""

from django.core.exceptions import SuspiciousOperation
from django.core.files.uploadhandler import FileUploadHandler


class FileUploadRefused(SuspiciousOperation):
    """A request carried a file part; Django answers 400."""


class RefuseFiles(FileUploadHandler):
    def new_file(self, field_name, file_name, *args, **kwargs) -> None:
        raise FileUploadRefused("file parts are not accepted")

    def receive_data_chunk(self, raw_data, start):  # never reached
        raise FileUploadRefused("file parts are not accepted")

    def file_complete(self, file_size):  # never reached
        return None
