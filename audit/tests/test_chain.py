"""The chain: each action type lands in it, verification finds edits and deletions, the ORM refuses changes."""

import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from audit import record
from audit.chain import GENESIS, Action, entry_hash
from audit.models import AuditEntry, ChainHead, ReadOnlyEntry


def verify_command():
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_audit_log", stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, out.getvalue() + err.getvalue()
    return 0, out.getvalue() + err.getvalue()


@pytest.fixture
def entries(db):
    return [record(Action.MODERATION, title=f"Câu hỏi {n}", details={"n": n}) for n in range(5)]


def test_entries_link_to_their_predecessor(entries):
    chain = list(AuditEntry.objects.order_by("seq"))
    assert chain[0].seq == 1 and chain[0].prev_hash == GENESIS
    for before, entry in zip(chain, chain[1:], strict=False):
        assert entry.seq == before.seq + 1
        assert entry.prev_hash == before.hash
        assert entry.hash == entry_hash(entry)
    head = ChainHead.objects.get()
    assert (head.seq, head.hash) == (chain[-1].seq, chain[-1].hash)
    code, output = verify_command()
    assert code == 0
    assert f"{len(chain)} mục" in output


def test_an_edited_entry_is_named(entries):
    target = entries[2]
    AuditEntry._base_manager.filter(pk=target.pk).update(object_title="Câu hỏi đã sửa")
    code, output = verify_command()
    assert code == 1
    assert f"số {target.seq} đã bị sửa" in output


def test_an_entry_edited_with_raw_sql_and_its_hash_recomputed_breaks_the_next_link(entries):
    target = entries[1]
    target.details = {"n": 99}
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditentry SET details = %s, hash = %s WHERE id = %s",
            ['{"n": 99}', entry_hash(target), target.pk],
        )
    code, output = verify_command()
    assert code == 1
    assert f"số {entries[2].seq} không nối với mục trước" in output


def test_a_deleted_entry_is_found(entries):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entries[3].pk])
    code, output = verify_command()
    assert code == 1
    assert f"Thiếu mục nhật ký số {entries[3].seq}" in output


def test_deleting_the_newest_entries_is_found(entries):
    AuditEntry._base_manager.filter(seq__gte=entries[3].seq).delete()
    code, output = verify_command()
    assert code == 1
    assert f"từ số {entries[3].seq} đến số {entries[-1].seq}" in output


def test_reordered_entries_are_found(entries):
    first, second = entries[1], entries[2]
    with connection.cursor() as cursor:
        # Swap the two rows' numbers (through a free number, the column is unique).
        cursor.execute("UPDATE audit_auditentry SET seq = 1000 WHERE id = %s", [first.pk])
        cursor.execute("UPDATE audit_auditentry SET seq = %s WHERE id = %s", [first.seq, second.pk])
        cursor.execute("UPDATE audit_auditentry SET seq = %s WHERE id = %s", [second.seq, first.pk])
    code, output = verify_command()
    assert code == 1
    assert f"số {first.seq}" in output


def test_the_orm_refuses_to_change_or_delete_entries(entries):
    entry = AuditEntry.objects.get(pk=entries[0].pk)
    entry.object_title = "khác"
    with pytest.raises(ReadOnlyEntry):
        entry.save()
    with pytest.raises(ReadOnlyEntry):
        entry.delete()
    with pytest.raises(ReadOnlyEntry):
        AuditEntry.objects.all().delete()
    with pytest.raises(ReadOnlyEntry):
        AuditEntry.objects.filter(pk=entry.pk).update(object_title="khác")
    assert verify_command()[0] == 0


def test_an_entry_rolls_back_with_its_transaction(db):
    record(Action.MODERATION, title="giữ lại")
    with pytest.raises(RuntimeError), transaction.atomic():
        record(Action.MODERATION, title="bị huỷ")
        raise RuntimeError
    assert list(AuditEntry.objects.values_list("object_title", flat=True)) == ["giữ lại"]
    record(Action.MODERATION, title="tiếp theo")
    assert verify_command()[0] == 0


def test_text_is_stored_nfc_and_details_stay_small(db):
    decomposed = "Phu\u031bo\u031b\u0300ng"  # "Phường" in decomposed form
    entry = record(Action.MODERATION, title=decomposed, details={"text": "x" * 10_000})
    entry.refresh_from_db()
    assert entry.object_title == "Phường"
    assert len(str(entry.details)) < 2100
    assert entry.hash == entry_hash(entry)


def test_nul_characters_are_dropped(db):
    entry = record(Action.LOGIN_FAILED, title="a\x00b", details={"username": "x\x00y", "raw": "\\u0000"})
    entry.refresh_from_db()
    assert (entry.object_title, entry.details) == ("ab", {"username": "xy", "raw": "\\u0000"})
    assert entry.hash == entry_hash(entry)
