"""Base forms for Wagtail's image and document uploads: content checks and metadata removal."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from images import uploads


class SafeImageField(WagtailImageField):
    """Wagtail's field lets Pillow's errors on a truncated file escape as a server error; refuse it instead."""

    def to_python(self, data):
        try:
            return super().to_python(data)
        except (OSError, SyntaxError, ValueError) as exc:
            raise ValidationError(_("Tệp không phải ảnh JPEG, PNG hoặc WebP hợp lệ."), code="invalid_image") from exc


class PortalImageForm(BaseImageForm):
    file = SafeImageField(label=gettext_lazy("Tệp"))

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
