"""Wagtail's reference index and its own (the admin's) search index updated once per object, not once per save.

An imported document is saved three times (add_child, save_revision, publish) and its files once each, and
Wagtail re-reads and rewrites both indexes after every one of those saves: about a third of an import's time.
Inside `once_per_object()` the saves are only noted; when the block ends without an error the objects noted are
read back once per model and indexed as Wagtail's own tasks would index each of them (the reference index
against the parent of a child row, the search index with the object's indexed instance and only if it is among
its model's indexed objects), the search index in one `add_bulk` per model and backend (on an error nothing is,
and the caller's transaction undoes the saves). Wagtail's tasks run in this process anyway (django-tasks'
immediate backend, the only one the project configures), so doing their work here, in bulk, changes when
nothing happens, only how often.

For commands, which run in one thread: Wagtail's search handler has no switch, so it is disconnected
process-wide while the block runs (the reference index has one, per thread).
"""

import contextlib

from django.apps import apps
from django.db.models.signals import post_save
from modelcluster.fields import ParentalKey
from modelsearch import backends as search_backends
from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update


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
    for instance in _read_back(referenced):
        if ReferenceIndex.is_indexed(instance._meta.model):
            ReferenceIndex.create_or_update_for_object(instance)
    by_model = {}
    for model, pks in _grouped(searched_saves):
        for instance in model.get_indexed_objects().filter(pk__in=pks):
            indexed = instance.get_indexed_instance()
            if indexed is not None:
                by_model.setdefault(type(indexed), []).append(indexed)
    for model, instances in by_model.items():
        for backend in search_backends.get_search_backends(with_auto_update=True):
            backend.add_bulk(model, instances)


def _grouped(keys):
    """(model, [pk, …]) for (app label, model name, pk) keys, in a stable order."""
    pks = {}
    for app_label, model_name, pk in sorted(keys):
        pks.setdefault((app_label, model_name), []).append(pk)
    return [(apps.get_model(app_label, model_name), group) for (app_label, model_name), group in pks.items()]


def _read_back(keys):
    for model, pks in _grouped(keys):
        yield from model._default_manager.filter(pk__in=pks).order_by("pk")


def _parent(instance):
    while True:
        keys = [field for field in instance._meta.get_fields() if isinstance(field, ParentalKey)]
        if not keys:
            return instance
        instance = getattr(instance, keys[0].name)
        if instance is None:
            return None
