"""Times a client sends: time-zone aware, and inside the range the databases and Python can
compare with (`0001-01-01T00:00:00+01:00` is year 0 in UTC, which Python cannot even represent:
that was a 500). Out of range is a 422 naming the parameter."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime
from pydantic_core import PydanticCustomError

EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)


def in_utc_range(value: datetime) -> datetime:
    try:
        moment = value.astimezone(UTC)
    except OverflowError:
        moment = None
    if moment is None or not EARLIEST <= moment <= LATEST:
        raise PydanticCustomError(
            "datetime_out_of_range",
            "must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z",
        )
    return moment


UtcDatetime = Annotated[AwareDatetime, AfterValidator(in_utc_range)]
