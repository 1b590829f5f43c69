"""Records to JSON-ready values and back, for the store and worker processes.

`encode` turns any record of `talktrack.model` (nested dataclasses, tuples,
lists) into plain dicts and lists; `decode(cls, data)` rebuilds the record
from its field types, so a stored event comes back as an `Event` with
`Participant` and `Span` objects, tuples where the model has tuples.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import lru_cache
from collections.abc import Callable
from typing import Any, TypeVar, Union

T = TypeVar("T")


def encode(value: Any) -> Any:
    """Return `value` as JSON-ready dicts, lists and scalars."""
    encoder = _ENCODERS.get(type(value))
    if encoder is None:
        encoder = _ENCODERS[type(value)] = _encoder(type(value))
    return encoder(value)


_SCALARS = (str, int, float, bool, type(None))
_ENCODERS: dict[type, Callable[[Any], Any]] = {}


def _encoder(cls: type) -> Callable[[Any], Any]:
    """Return the function that encodes values of `cls`, worked out once per type (a batch encodes many).

    A dataclass field whose type can only hold scalars is copied as it is;
    the others go through `encode`.
    """
    if dataclasses.is_dataclass(cls):
        hints = _hints(cls)
        names = tuple(f.name for f in dataclasses.fields(cls))
        plain = frozenset(name for name in names if _is_scalar(hints.get(name, Any)))

        def encode_record(value: Any) -> dict[str, Any]:
            return {name: getattr(value, name) if name in plain else encode(getattr(value, name)) for name in names}

        return encode_record
    if issubclass(cls, (list, tuple)):
        return lambda value: [encode(v) for v in value]
    if issubclass(cls, dict):
        return lambda value: {k: encode(v) for k, v in value.items()}
    return _identity


def _is_scalar(kind: Any) -> bool:
    """Return True for a type whose values are all str, int, float, bool or None (Literal and Optional included)."""
    origin = typing.get_origin(kind)
    if origin is typing.Literal:
        return all(isinstance(a, _SCALARS) for a in typing.get_args(kind))
    if origin in (Union, types.UnionType):
        return all(_is_scalar(a) for a in typing.get_args(kind))
    return kind in _SCALARS


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def decode(cls: type[T], data: Any) -> T:
    """Return an instance of dataclass `cls` built from `encode`'s output."""
    return typing.cast(T, _decoder(typing.cast(Any, cls))(data))


def _identity(data: Any) -> Any:
    return data


@lru_cache(maxsize=None)
def _decoder(kind: Any) -> Callable[[Any], Any]:
    """Return the function that rebuilds a value of type `kind`, worked out once per type (stores read many)."""
    origin = typing.get_origin(kind)
    if origin in (Union, types.UnionType):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        return _decoder(options[0]) if len(options) == 1 else _identity
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            return lambda data: None if data is None else tuple(item(v) for v in data)
        items = [_decoder(a) for a in args]
        return lambda data: None if data is None else tuple(f(v) for f, v in zip(items, data))
    if origin is list:
        (arg,) = typing.get_args(kind)
        element = _decoder(arg)
        return lambda data: None if data is None else [element(v) for v in data]
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        fields: dict[str, Callable[[Any], Any]] = {}

        def build(data: Any) -> Any:
            if data is None:
                return None
            if not fields:  # on first use, so that a record type may refer to itself
                hints = _hints(kind)
                fields.update({f.name: _decoder(hints[f.name]) for f in dataclasses.fields(kind)})
            return kind(**{k: fields[k](v) for k, v in data.items() if k in fields})

        return build
    return _identity
