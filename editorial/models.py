from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, Site


class Role(models.TextChoices):
    # Ordered from the least to the most trusted; the order is used by `at_least`.
    REPORTER = "reporter", _("Cộng tác viên")
    EDITOR = "editor", _("Biên tập viên")
    CHIEF = "chief", _("Trưởng ban biên tập")
    ADMIN = "admin", _("Quản trị")


ROLE_ORDER = [Role.REPORTER, Role.EDITOR, Role.CHIEF, Role.ADMIN]


class SiteRoleQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(group__user=user)

    def at_least(self, role):
        return self.filter(role__in=ROLE_ORDER[ROLE_ORDER.index(role) :])


class SiteRole(models.Model):
    """Which site and role a group stands for, so renaming a ward never loses its staff's rights."""

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="site_role")
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="editorial_roles")
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices)

    objects = SiteRoleQuerySet.as_manager()

    class Meta:
        verbose_name = _("vai trò biên tập")
        verbose_name_plural = _("vai trò biên tập")
        constraints = [models.UniqueConstraint(fields=["site", "role"], name="editorial_one_group_per_site_role")]

    def __str__(self):
        return self.group.name


class SiteCollection(models.Model):
    """The collection holding a site's images and documents. Keyed by site, not by name: ward names repeat
    across provinces and between old and new wards."""

    site = models.OneToOneField(Site, on_delete=models.CASCADE, related_name="editorial_collection")
    collection = models.OneToOneField(Collection, on_delete=models.CASCADE, related_name="editorial_site")

    class Meta:
        verbose_name = _("thư mục ảnh và tài liệu của trang")
        verbose_name_plural = _("thư mục ảnh và tài liệu của trang")

    def __str__(self):
        return self.collection.name
