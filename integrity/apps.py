from django.apps import AppConfig


class IntegrityConfig(AppConfig):
    name = "integrity"
    verbose_name = "Kiểm tra toàn vẹn"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from editorial import roles

        from .gate import confirmation_step

        # A site's Quản trị edits its allowed link domains and confirms links in the approval step.
        if "integrity.change_integritysettings" not in roles.EXTRA_SITE_SETTINGS_PERMISSIONS:
            roles.EXTRA_SITE_SETTINGS_PERMISSIONS.append("integrity.change_integritysettings")
        if confirmation_step not in roles.EXTRA_WORKFLOW_STEPS:
            roles.EXTRA_WORKFLOW_STEPS.append(confirmation_step)
