"""Building blocks shared by the models: append-only rows (audit events, released records) and
the field that names the clinician who did something."""

from django.conf import settings
from django.db import models


def acting_user(verbose_name, *, optional: bool = False) -> models.ForeignKey:
    """Return the field naming the user who saved, decided or recorded a row.

    PROTECT: a user who wrote clinical records is deactivated, never deleted, so the record
    keeps saying who made it. related_name "+": nothing asks a user for "everything they wrote"
    through the ORM (selectors filter on the client's owner). `optional` for rows that no
    clinician made (a week the client logged, a link nobody ended yet).
    """
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=optional,
        blank=optional,
        verbose_name=verbose_name,
    )


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
