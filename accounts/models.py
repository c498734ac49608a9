from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The portal's user (AUTH_USER_MODEL), ours from the first migration so fields can be added without pain.

    It was the `users` app's until that app was folded in here: the table keeps its name, and migration 0001
    stands in for users' 0001 (already applied on an install from before, it is not run there again).
    """

    class Meta(AbstractUser.Meta):
        db_table = "users_user"
        swappable = "AUTH_USER_MODEL"
