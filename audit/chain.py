"""Appending to the audit log and checking its chain.

Each entry's hash is SHA-256 over a canonical JSON serialisation of its fields and the previous entry's hash.
Appending takes the chain head row with SELECT … FOR UPDATE (on SQLite the whole write transaction is the lock:
the settings open every transaction with BEGIN IMMEDIATE), inside the caller's transaction when there is one,
so an entry commits or rolls back with the action it records.
"""

import datetime
import hashlib
import json
import unicodedata

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.models import AuditEntry, ChainHead

GENESIS = "0" * 64
HEAD_PK = 1
MAX_DETAILS_CHARS = 2000


class Action:
    """The action codes the portal writes. Other apps may pass their own (dotted, lower case)."""

    PUBLISH = "page.publish"
    UNPUBLISH = "page.unpublish"
    PAGE_DELETE = "page.delete"
    OBJECT_DELETE = "object.delete"
    LOGIN = "auth.login"
    LOGIN_FAILED = "auth.login_failed"
    ROLE_CHANGE = "role.change"
    SETTINGS_CHANGE = "settings.change"
    TASK_APPROVE = "workflow.approve"
    TASK_REJECT = "workflow.reject"
    MODERATION = "moderation"


LABELS = {
    Action.PUBLISH: gettext_lazy("Xuất bản"),
    Action.UNPUBLISH: gettext_lazy("Gỡ xuất bản"),
    Action.PAGE_DELETE: gettext_lazy("Xoá trang"),
    Action.OBJECT_DELETE: gettext_lazy("Xoá đối tượng"),
    Action.LOGIN: gettext_lazy("Đăng nhập"),
    Action.LOGIN_FAILED: gettext_lazy("Đăng nhập thất bại"),
    Action.ROLE_CHANGE: gettext_lazy("Thay đổi quyền"),
    Action.SETTINGS_CHANGE: gettext_lazy("Thay đổi cài đặt"),
    Action.TASK_APPROVE: gettext_lazy("Duyệt"),
    Action.TASK_REJECT: gettext_lazy("Trả lại"),
    Action.MODERATION: gettext_lazy("Kiểm duyệt"),
}


def _text(value, limit):
    # NUL cannot be stored in PostgreSQL text.
    return unicodedata.normalize("NFC", str(value or "")).replace("\x00", "")[:limit]


def _clean_strings(value):
    if isinstance(value, str):
        return _text(value, None)
    if isinstance(value, list):
        return [_clean_strings(item) for item in value]
    if isinstance(value, dict):
        return {_text(key, None): _clean_strings(item) for key, item in value.items()}
    return value


def _details(details):
    """Details as JSON keeps them: keys and values through a JSON round trip (dates become text), small."""
    clean = _clean_strings(json.loads(json.dumps(details or {}, ensure_ascii=False, default=str)))
    if not isinstance(clean, dict):
        clean = {"value": clean}
    if len(json.dumps(clean, ensure_ascii=False)) > MAX_DETAILS_CHARS:
        clean = {"truncated": json.dumps(clean, ensure_ascii=False)[:MAX_DETAILS_CHARS]}
    return clean


def _moment(at):
    return at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(entry):
    """The bytes an entry's hash covers: every field but the hash itself, in a fixed order and form."""
    fields = {
        "seq": entry.seq,
        "at": _moment(entry.at),
        "actor_id": entry.actor_id,
        "actor_name": entry.actor_name,
        "site_id": entry.site_id,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_title": entry.object_title,
        "details": entry.details,
        "prev_hash": entry.prev_hash,
    }
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def entry_hash(entry):
    return hashlib.sha256(canonical(entry)).hexdigest()


def _locked_head():
    head = ChainHead.objects.select_for_update().filter(pk=HEAD_PK).first()
    if head is not None:
        return head
    try:
        with transaction.atomic():
            ChainHead.objects.create(pk=HEAD_PK, seq=0, hash=GENESIS)
    except IntegrityError:
        pass  # another writer made it first; wait for its lock below
    return ChainHead.objects.select_for_update().get(pk=HEAD_PK)


def record(action, *, actor=None, site=None, obj=None, object_type="", object_id="", title="", details=None):
    """Append one entry and return it.

    `actor`: a user (anonymous or None: no actor); `site`: a Site or its id; `obj`: a model instance, whose
    type, id and str() are taken unless `object_type`, `object_id`, `title` say otherwise. Call it inside the
    transaction of the action it records, so both commit or neither does.
    """
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
        title = title or getattr(obj, "title", "") or str(obj)
    actor_id, actor_name = None, ""
    if actor is not None and getattr(actor, "is_authenticated", False):
        actor_id, actor_name = actor.pk, actor.get_username()
    site_id = getattr(site, "pk", site)
    with transaction.atomic():
        head = _locked_head()
        entry = AuditEntry(
            seq=head.seq + 1,
            at=timezone.now(),
            actor_id=actor_id,
            actor_name=_text(actor_name, 150),
            site_id=int(site_id) if site_id is not None else None,
            action=_text(action, 40),
            object_type=_text(object_type, 100),
            object_id=_text(object_id, 64),
            object_title=_text(title, 255),
            details=_details(details),
            prev_hash=head.hash,
        )
        entry.hash = entry_hash(entry)
        entry.save()
        ChainHead.objects.filter(pk=HEAD_PK).update(seq=entry.seq, hash=entry.hash)
    return entry


class ChainError(Exception):
    def __init__(self, message, seq=None):
        super().__init__(message)
        self.seq = seq


def verify(batch=2000):
    """Walk the chain from its first entry; return the number of entries, or raise ChainError naming the first
    bad one (edited: its hash; deleted: a gap in the numbers or a previous hash that does not match; reordered:
    the hashes, which cover each entry's number and its predecessor)."""
    expected_seq, previous = 1, GENESIS
    last = 0
    while True:
        rows = list(AuditEntry.objects.filter(seq__gte=expected_seq).order_by("seq")[:batch])
        if not rows:
            break
        for entry in rows:
            if entry.seq != expected_seq:
                raise ChainError(
                    _("Thiếu mục nhật ký số %(missing)d (đã bị xoá): mục tiếp theo còn lại là số %(seq)d.")
                    % {"missing": expected_seq, "seq": entry.seq},
                    entry.seq,
                )
            if entry.prev_hash != previous:
                raise ChainError(
                    _(
                        "Mục nhật ký số %(seq)d không nối với mục trước nó (mã băm của mục trước không khớp): "
                        "nhật ký đã bị xoá bớt hoặc đổi thứ tự."
                    )
                    % {"seq": entry.seq},
                    entry.seq,
                )
            if entry_hash(entry) != entry.hash:
                raise ChainError(
                    _("Mục nhật ký số %(seq)d đã bị sửa: mã băm không khớp với nội dung.") % {"seq": entry.seq},
                    entry.seq,
                )
            previous, expected_seq, last = entry.hash, expected_seq + 1, entry.seq
    head = ChainHead.objects.filter(pk=HEAD_PK).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    if (head_seq, head_hash) != (last, previous):
        if head_seq > last:
            message = _("Thiếu các mục nhật ký cuối, từ số %(missing)d đến số %(head)d (đã bị xoá).") % {
                "missing": last + 1,
                "head": head_seq,
            }
            raise ChainError(message, last + 1)
        raise ChainError(
            _("Đầu chuỗi nhật ký (số %(head)d) không khớp với mục cuối cùng (số %(seq)d): nhật ký đã bị sửa.")
            % {"head": head_seq, "seq": last},
            last,
        )
    return last
