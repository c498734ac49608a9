"""Base forms for Wagtail's image and document uploads: content checks and metadata removal."""

from django.conf import settings
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from images import uploads


class PortalImageForm(BaseImageForm):
    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and not getattr(file, "_committed", False) and hasattr(file, "size"):
            uploads.check_size(file, settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)
            uploads.validate_image(file)
            stripped = uploads.strip_image_metadata(file)
            if stripped is not None:
                file = stripped
        return file


class PortalDocumentForm(BaseDocumentForm):
    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and not getattr(file, "_committed", False) and hasattr(file, "size"):
            uploads.check_size(file, settings.WAGTAILDOCS_MAX_UPLOAD_SIZE)
            uploads.validate_document(file)
        return file
