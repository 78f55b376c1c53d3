"""Stories from any OpenAI-compatible server: one streamed, structured call per book."""

from __future__ import annotations

from .call import Mode
from .config import OpenAIStoryConfig, api_key, store_api_key
from .jsonstream import Completed, JSONStream, JSONStreamError
from .schema import PlanPageModel, StoryPlanModel, plan_response_format
from .writer import OpenAIStoryWriter, StoryBackendError

__all__ = [
    "Completed",
    "JSONStream",
    "JSONStreamError",
    "Mode",
    "OpenAIStoryConfig",
    "OpenAIStoryWriter",
    "PlanPageModel",
    "StoryBackendError",
    "StoryPlanModel",
    "api_key",
    "plan_response_format",
    "store_api_key",
]
