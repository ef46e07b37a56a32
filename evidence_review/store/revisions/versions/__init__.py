"""The revisions, one per released schema change (see ``revisions/__init__.py``)."""
