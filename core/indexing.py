"""Wagtail's reference index and its own (the admin's) search index updated once per object, not once per save.

An imported document is saved three times (add_child, save_revision, publish) and its files once each, and
Wagtail re-reads and rewrites both indexes after every one of those saves: about a third of an import's time.
Inside `once_per_object()` the saves are only noted; when the block ends without an error each object noted is
handed to Wagtail's own index tasks once (on an error nothing is, and the caller's transaction undoes the saves).

For commands, which run in one thread: Wagtail's search handler has no switch, so it is disconnected
process-wide while the block runs (the reference index has one, per thread).
"""

import contextlib

from django.db.models.signals import post_save
from modelcluster.fields import ParentalKey
from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task


@contextlib.contextmanager
def once_per_object():
    searched_saves, referenced = set(), set()

    def note(sender, instance, raw=False, **kwargs):
        if raw:
            return
        if sender in searched:
            searched_saves.add((instance._meta.app_label, instance._meta.model_name, str(instance.pk)))
        if sender in ReferenceIndex.tracked_models:
            # A child row (a document's file) is indexed as its parent, as Wagtail's own task does.
            owner = _parent(instance)
            if owner is not None:
                referenced.add((owner._meta.app_label, owner._meta.model_name, str(owner.pk)))

    searched = [model for model in search_index.get_indexed_models() if getattr(model, "search_auto_update", True)]
    post_save.connect(note, weak=False, dispatch_uid="core-indexing-once")
    for model in searched:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(dispatch_uid="core-indexing-once")
        for model in searched:
            post_save.connect(post_save_signal_handler, sender=model)
    for key in sorted(referenced):
        update_reference_index_task.enqueue(*key)
    for key in sorted(searched_saves):
        insert_or_update_object_task.enqueue(*key)


def _parent(instance):
    while True:
        keys = [field for field in instance._meta.get_fields() if isinstance(field, ParentalKey)]
        if not keys:
            return instance
        instance = getattr(instance, keys[0].name)
        if instance is None:
            return None
