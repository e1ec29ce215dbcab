"""Building blocks shared by the models: append-only rows (audit events, released records)."""

from django.db import models


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete a row of an append-only model."""


class AppendOnlyQuerySet(models.QuerySet):
    """A QuerySet that refuses bulk changes: rows are only ever inserted."""

    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be updated.")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be deleted.")

    def bulk_update(self, objs, fields, batch_size=None):
        # Refuse before Django opens its transaction, so the caller's transaction stays usable.
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be updated.")


class AppendOnlyModel(models.Model):
    """
    Abstract model whose rows, once saved, never change and are never deleted.

    save() inserts a new row and raises AppendOnlyError if the row already exists; delete()
    always raises. The default manager's QuerySet refuses update() and delete(). Rows can still
    be removed with raw SQL or by dropping the table, which no code path of the app does.
    """

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and type(self)._base_manager.filter(pk=self.pk).exists():
            raise AppendOnlyError(f"{type(self).__name__} {self.pk} exists and cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} rows cannot be deleted.")
