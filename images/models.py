from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.utils.file import hash_filelike

from images.uploads import image_size, strip_image_metadata


class PortalImage(AbstractImage):
    """An image with its caption and credit, so every use of it can show both."""

    caption = models.CharField(_("chú thích"), max_length=255, blank=True)
    credit = models.CharField(_("tác giả ảnh"), max_length=255, blank=True)

    admin_form_fields = Image.admin_form_fields + ("caption", "credit")

    def save(self, *args, **kwargs):
        # Uploads through the admin are cleaned by images.forms; this catches every other way in
        # (commands, API, scripts), so no photo is ever served with its EXIF/GPS data.
        if self.file and not getattr(self.file, "_committed", True):
            stripped = strip_image_metadata(self.file)
            if stripped is not None:
                self.file = stripped
                self.width, self.height = image_size(stripped)
                self.file_size = stripped.size
                stripped.seek(0)
                self.file_hash = hash_filelike(stripped)
                stripped.seek(0)
        super().save(*args, **kwargs)

    class Meta(AbstractImage.Meta):
        verbose_name = _("hình ảnh")
        verbose_name_plural = _("hình ảnh")


class PortalRendition(AbstractRendition):
    image = models.ForeignKey(PortalImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
