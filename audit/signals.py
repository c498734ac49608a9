"""What the audit log listens to (docs/audit.md). Handlers write through `chain.record`, inside the transaction
that sends the signal when there is one (publishing, deleting through Wagtail's actions, saves)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    ModelLogEntry,
    PageLogEntry,
)
from wagtail.signals import page_published, page_unpublished, task_approved, task_rejected

from audit.chain import Action, record
from audit.context import current_user
from core.sites import site_id_for_request
from editorial.models import SiteCollection, SiteRole

FAILED_USERNAME_CHARS = 64
User = get_user_model()


def page_site_id(page):
    try:
        site = page.get_site()
    except Exception:  # noqa: BLE001 - a page outside every site still gets its entry
        return None
    return site.pk if site else None


def group_site_id(group_id):
    return SiteRole.objects.filter(group_id=group_id).values_list("site_id", flat=True).first()


def _request_site_id(request):
    if request is None:
        return None
    try:
        return site_id_for_request(request)
    except Exception:  # noqa: BLE001 - a request without a usable host (force_login's) has no site
        return None


@receiver(page_published)
def on_publish(sender, instance, revision=None, **kwargs):
    details = {"revision": revision.pk if revision else None}
    if instance.go_live_at and not instance.live:
        details["go_live_at"] = instance.go_live_at.isoformat()
    user = getattr(revision, "user", None) or current_user()
    record(Action.PUBLISH, actor=user, site=page_site_id(instance), obj=instance, details=details)


@receiver(page_unpublished)
def on_unpublish(sender, instance, **kwargs):
    record(Action.UNPUBLISH, actor=current_user(), site=page_site_id(instance), obj=instance)


@receiver(post_save, sender=PageLogEntry)
def on_page_log(sender, instance, created, **kwargs):
    # Wagtail's DeletePageAction (the admin, and Page.delete()) logs each page it deletes before deleting it.
    if created and instance.action == "wagtail.delete":
        page = instance.page
        record(
            Action.PAGE_DELETE,
            actor=instance.user or current_user(),
            site=page_site_id(page),
            object_type=instance.content_type.model_class()._meta.label_lower if instance.content_type else "",
            object_id=instance.page_id,
            title=instance.label,
        )


@receiver(post_save, sender=ModelLogEntry)
def on_model_log(sender, instance, created, **kwargs):
    # Snippets, images, documents, users… deleted through Wagtail's DeleteAction (every admin delete view).
    if created and instance.action == "wagtail.delete":
        model = instance.content_type.model_class() if instance.content_type else None
        record(
            Action.OBJECT_DELETE,
            actor=instance.user or current_user(),
            site=_site_of_model_log(instance),
            object_type=model._meta.label_lower if model else "",
            object_id=instance.object_id,
            title=instance.label,
        )


def _site_of_model_log(entry):
    model = entry.content_type.model_class() if entry.content_type else None
    if model is None:
        return None
    instance = model._default_manager.filter(pk=entry.object_id).first()
    site_id = getattr(instance, "site_id", None)
    if site_id is None and getattr(instance, "collection_id", None):
        site_id = (
            SiteCollection.objects.filter(collection_id=instance.collection_id)
            .values_list("site_id", flat=True)
            .first()
        )
    return site_id


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    record(Action.LOGIN, actor=user, site=_request_site_id(request), obj=user)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    # The name tried, cut short, and no address: a failed login is not a reason to keep who was there.
    tried = str(credentials.get(User.USERNAME_FIELD) or credentials.get("username") or "")
    record(
        Action.LOGIN_FAILED,
        site=_request_site_id(request),
        details={"username": tried[:FAILED_USERNAME_CHARS]},
    )


# --- roles ---


@receiver(m2m_changed, sender=User.groups.through)
def on_user_groups(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    change = {"post_add": "add", "post_remove": "remove", "pre_clear": "remove"}[action]
    if not reverse:  # user.groups.add(group…)
        users = [instance]
        groups = Group.objects.filter(pk__in=pk_set) if pk_set is not None else instance.groups.all()
    else:  # group.user_set.add(user…)
        users = User.objects.filter(pk__in=pk_set) if pk_set is not None else instance.user_set.all()
        groups = [instance]
    for group in list(groups):
        for user in list(users):
            record(
                Action.ROLE_CHANGE,
                actor=current_user(),
                site=group_site_id(group.pk),
                obj=user,
                title=user.get_username(),
                details={"change": f"group_{change}", "group": group.name, "group_id": group.pk},
            )


@receiver(m2m_changed, sender=Group.permissions.through)
def on_group_permissions(sender, instance, action, reverse, pk_set, model, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear") or reverse:
        return
    if action == "pre_clear":
        codenames = list(instance.permissions.values_list("content_type__app_label", "codename"))
    else:
        codenames = list(model.objects.filter(pk__in=pk_set).values_list("content_type__app_label", "codename"))
    if not codenames:
        return
    record(
        Action.ROLE_CHANGE,
        actor=current_user(),
        site=group_site_id(instance.pk),
        obj=instance,
        title=instance.name,
        details={
            "change": "permission_add" if action == "post_add" else "permission_remove",
            "permissions": sorted(f"{app}.{codename}" for app, codename in codenames),
        },
    )


@receiver(m2m_changed, sender=User.user_permissions.through)
def on_user_permissions(sender, instance, action, reverse, pk_set, model, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear") or reverse:
        return
    if action == "pre_clear":
        codenames = list(instance.user_permissions.values_list("content_type__app_label", "codename"))
    else:
        codenames = list(model.objects.filter(pk__in=pk_set).values_list("content_type__app_label", "codename"))
    if codenames:
        record(
            Action.ROLE_CHANGE,
            actor=current_user(),
            obj=instance,
            title=instance.get_username(),
            details={
                "change": "user_permission_add" if action == "post_add" else "user_permission_remove",
                "permissions": sorted(f"{app}.{codename}" for app, codename in codenames),
            },
        )


USER_FLAGS = ("is_superuser", "is_staff", "is_active")


@receiver(pre_save, sender=User)
def remember_user_flags(sender, instance, raw=False, update_fields=None, **kwargs):
    instance._audit_flags = None
    if raw or instance.pk is None or (update_fields is not None and not set(update_fields) & set(USER_FLAGS)):
        return  # a login saves last_login only: no query for it
    instance._audit_flags = User.objects.filter(pk=instance.pk).values(*USER_FLAGS).first()


@receiver(post_save, sender=User)
def on_user_flags(sender, instance, created, raw=False, **kwargs):
    before = getattr(instance, "_audit_flags", None)
    if raw or created or before is None:
        return
    changed = {flag: getattr(instance, flag) for flag in USER_FLAGS if before[flag] != getattr(instance, flag)}
    if changed:
        record(
            Action.ROLE_CHANGE,
            actor=current_user(),
            obj=instance,
            title=instance.get_username(),
            details={"change": "flags", **changed},
        )


def _object_permission_site(instance):
    if isinstance(instance, GroupPagePermission):
        return page_site_id(instance.page)
    if isinstance(instance, GroupSitePermission):
        return instance.site_id
    return SiteCollection.objects.filter(collection_id=instance.collection_id).values_list("site_id", flat=True).first()


def _object_permission_change(instance, change):
    target = getattr(instance, "page", None) or getattr(instance, "site", None) or getattr(instance, "collection", None)
    record(
        Action.ROLE_CHANGE,
        actor=current_user(),
        site=_object_permission_site(instance),
        obj=instance.group,
        title=instance.group.name,
        details={
            "change": change,
            "permission": f"{instance.permission.content_type.app_label}.{instance.permission.codename}",
            "on": f"{target._meta.label_lower}:{target.pk}" if target is not None else "",
        },
    )


for _model in (GroupPagePermission, GroupSitePermission, GroupCollectionPermission):
    post_save.connect(
        lambda sender, instance, created, raw=False, **kw: (
            created and not raw and _object_permission_change(instance, "object_permission_add")
        ),
        sender=_model,
        weak=False,
        dispatch_uid=f"audit-{_model.__name__}-save",
    )
    post_delete.connect(
        lambda sender, instance, **kw: _object_permission_change(instance, "object_permission_remove"),
        sender=_model,
        weak=False,
        dispatch_uid=f"audit-{_model.__name__}-delete",
    )


# --- settings ---

SETTINGS_CLASSES = (BaseSiteSetting, BaseGenericSetting)


def _field_values(instance):
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields}


@receiver(pre_save)
def remember_settings(sender, instance, raw=False, **kwargs):
    if raw or not isinstance(instance, SETTINGS_CLASSES) or instance.pk is None:
        return
    before = type(instance)._default_manager.filter(pk=instance.pk).first()
    instance._audit_before = _field_values(before) if before is not None else None


@receiver(post_save)
def on_settings(sender, instance, created, raw=False, **kwargs):
    if raw or created or not isinstance(instance, SETTINGS_CLASSES):
        return  # a created row is Wagtail's for_site() filling in defaults on first read
    before = getattr(instance, "_audit_before", None)
    after = _field_values(instance)
    changed = sorted(name for name, value in after.items() if before is None or before.get(name) != value)
    if not changed:
        return
    record(
        Action.SETTINGS_CHANGE,
        actor=current_user(),
        site=getattr(instance, "site_id", None),
        obj=instance,
        title=str(instance._meta.verbose_name),
        details={"fields": changed},
    )


# --- moderation (Wagtail's approval workflow) ---


def _task_entry(action, instance, user):
    content = instance.workflow_state.content_object
    record(
        action,
        actor=user or current_user(),
        site=page_site_id(content) if hasattr(content, "get_site") else None,
        obj=content,
        details={"task": instance.task.name, "comment": (instance.comment or "")[:500]},
    )


@receiver(task_approved)
def on_task_approved(sender, instance, user=None, **kwargs):
    _task_entry(Action.TASK_APPROVE, instance, user)


@receiver(task_rejected)
def on_task_rejected(sender, instance, user=None, **kwargs):
    _task_entry(Action.TASK_REJECT, instance, user)
