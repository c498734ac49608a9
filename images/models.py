import logging

from django.db import DatabaseError, models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image, SourceImageIOError
from wagtail.utils.file import hash_filelike

from images.uploads import image_size, strip_image_metadata

logger = logging.getLogger(__name__)


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

    # A page only reads, but showing an image the first time writes its renditions (a file and a database row).
    # When that fails (disk full, read-only database) the page still answers, with the original file in their
    # place; nothing of the fallback is cached, so the next render tries again and renditions come back by
    # themselves once the cause is gone.
    def get_rendition(self, filter):
        rendition = self._unless_unwritable(super().get_rendition, filter)
        return rendition or self._original_in_place_of(filter)

    def get_renditions(self, *filters):
        renditions = self._unless_unwritable(super().get_renditions, *filters)
        if renditions is None:
            fallbacks = [self._original_in_place_of(filter) for filter in filters]
            renditions = {fallback.filter_spec: fallback for fallback in fallbacks}
        return renditions

    def _unless_unwritable(self, call, *filters):
        """call(*filters), or None when writing the renditions failed."""
        try:
            if transaction.get_connection().in_atomic_block:
                # A savepoint, so the failed write leaves the caller's transaction usable.
                with transaction.atomic():
                    return call(*filters)
            return call(*filters)
        except SourceImageIOError:
            raise  # the original itself is missing: Wagtail's template tags show "not found"
        except (OSError, DatabaseError):
            specs = [getattr(filter, "spec", filter) for filter in filters]
            logger.warning(
                "renditions %s of image %s not written; original shown instead", specs, self.pk, exc_info=True
            )
            return None

    def _original_in_place_of(self, filter):
        rendition = self.get_rendition_model()(
            image=self,
            filter_spec=getattr(filter, "spec", filter),
            file=self.file.name,
            width=self.width,
            height=self.height,
        )
        rendition._from_cache = True  # never stored in Wagtail's rendition cache
        return rendition

    class Meta(AbstractImage.Meta):
        verbose_name = _("hình ảnh")
        verbose_name_plural = _("hình ảnh")


class PortalRendition(AbstractRendition):
    image = models.ForeignKey(PortalImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
