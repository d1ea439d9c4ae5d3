from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Path, status

from webmon.api.deps import CurrentUser, SessionDep
from webmon.models import Website
from webmon.websites import service

WebsiteId = Annotated[int, Path(ge=1, le=2_147_483_647)]


async def owned_website(website_id: WebsiteId, session: SessionDep, user: CurrentUser) -> Website:
    website = await service.get_website(session, user_id=user.id, website_id=website_id)
    if website is None:
        # The same answer for "missing" and "someone else's": ids reveal nothing.
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="Website not found")
    return website


OwnedWebsite = Annotated[Website, Depends(owned_website)]
