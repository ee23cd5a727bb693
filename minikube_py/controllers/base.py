"""What every controller is: a level-based `reconcile(key) -> Result`, fed by
the one work queue from informers, run by `run_controller`."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from minikube_py.client import ClientError, WorkQueue

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Result:
    requeue_after: float = 0.0  # > 0: look again later even without an event


class TerminalError(Exception):
    """A failure a retry cannot fix: logged, not retried."""


Reconcile = Callable[[str], Awaitable[Result]]


async def run_controller(name: str, queue: WorkQueue, reconcile: Reconcile) -> None:
    """Take keys off the queue forever; errors back off per key."""
    while True:
        key = await queue.get()
        try:
            result = await reconcile(str(key))
        except TerminalError as exc:
            log.error("%s: %s: %s", name, key, exc)
            queue.forget(key)
        except (ClientError, OSError) as exc:
            log.info("%s: %s: %s; retrying", name, key, exc)
            queue.add_rate_limited(key)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s: %s: reconcile failed", name, key)
            queue.add_rate_limited(key)
        else:
            queue.forget(key)
            if result.requeue_after > 0:
                queue.add_after(key, result.requeue_after)
        finally:
            queue.done(key)
