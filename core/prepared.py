"""Queries a page runs every time with only one value changed, compiled once.

Django builds a query's SQL afresh on every call, and for a packet's small
tables that costs several times the query itself (about 0.15 ms a query,
the query 0.02 ms). ``prepared`` builds the query once per database kind,
with a marker where the value goes, and afterwards only runs its SQL::

    @prepared
    def questions_of(packet_id):
        return PacketQuestion.objects.filter(packet_id=packet_id).order_by("position")

    questions_of(packet.pk)  # a list of PacketQuestion, as list(queryset) gives

``build`` may take several values (each is a marker while compiling).

A query of model rows gives model instances (through ``raw()``, which
converts each column as the ORM does); a ``values_list()`` query gives
tuples, each column converted by the database's own converters (SQLite's
booleans and dates, say). Each value must appear in the query's
parameters at least once (or, with ``uses=N``, exactly N times), or
compiling it raises: a query that lost its filter would read every
packet's rows. The values are ids, made ints before they are bound.
"""

import functools
from collections.abc import Callable

from django.db import connection
from django.db.models import QuerySet
from django.db.models.query import ModelIterable, ValuesListIterable

# No row has such an id: each marker's places in the compiled parameters are
# where that call's value goes.
MARKERS = tuple(range(-7_315_921, -7_315_931, -1))


class _Compiled:
    __slots__ = ("converters", "instances", "model", "params", "sql")

    def __init__(self, queryset: QuerySet, markers: tuple[int, ...], uses: int | None) -> None:
        if queryset._iterable_class not in (ModelIterable, ValuesListIterable):
            raise TypeError("prepared() takes a query of model rows or a values_list() query")
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        if any(marker not in params for marker in markers) or (
            uses is not None and any(params.count(marker) != uses for marker in markers)
        ):
            raise RuntimeError(f"a prepared query lost one of its values: {sql}")
        # Each parameter: the position of the call's value it takes, or itself.
        self.sql = sql
        self.params = tuple((markers.index(p), None) if p in markers else (None, p) for p in params)
        self.model = queryset.model
        self.instances = queryset._iterable_class is ModelIterable
        # Per column: the database's converters and the expression they take.
        # They are bound to the compiling thread's connection; each is called
        # with the running thread's, and what they read (the time zone, say)
        # comes from the settings, the same for every connection.
        self.converters = (
            []
            if self.instances
            else list(compiler.get_converters([col for col, *_ in compiler.select]).items())
        )

    def run(self, values: tuple) -> list:
        # Ids only: the values skip the ORM's preparation, so a model or a
        # string is refused here rather than bound differently by each database.
        values = tuple(int(value) for value in values)
        params = [fixed if at is None else values[at] for at, fixed in self.params]
        if self.instances:
            return list(self.model.objects.raw(self.sql, params))
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if not self.converters:
            return rows
        converted = []
        for row in rows:
            row = list(row)
            for position, (functions, expression) in self.converters:
                for convert in functions:
                    row[position] = convert(row[position], expression, connection)
            converted.append(tuple(row))
        return converted


def prepared(build: Callable[..., QuerySet], *, uses: int | None = None) -> Callable[..., list]:
    """``build(*values)`` gives the query; the returned function runs it for
    its values, compiled on its first call for each database kind. With
    ``uses``, each value must appear exactly that many times (a UNION of
    that many parts, each filtered by it)."""
    markers = MARKERS[: build.__code__.co_argcount]

    @functools.cache
    def compiled(vendor: str) -> _Compiled:  # vendor keys the cache only
        return _Compiled(build(*markers), markers, uses)

    @functools.wraps(build)
    def run(*values) -> list:
        return compiled(connection.vendor).run(values)

    return run
