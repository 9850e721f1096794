"""Publishing feedback notifications to SNS, and configuration-set events to SNS or
EventBridge (the ``publish_notifications`` option).

Each notification goes out through a botocore ``sns`` client as ``Publish(TopicArn=...,
Message=json)``, so that moto's ``mock_aws`` receives it (and any SQS queue subscribed to
the topic). Nothing is ever sent to AWS: without an active mock_aws, each notification is
recorded as skipped, with the reason.
"""

from __future__ import annotations

import json
from typing import Any

from . import _wiring
from .model.events import DETAIL_TYPES, Event
from .model.notifications import Notification

NO_MOCK = "not published: moto's mock_aws is not active, and the fake never publishes to AWS"


def publish(notifications: list[Notification]) -> list[Notification]:
    """The notifications, each with the SNS MessageId it got or why it was skipped."""
    if not _wiring._moto_is_active():
        return [n._replace(skipped=NO_MOCK) for n in notifications]
    import botocore.session
    from botocore.exceptions import BotoCoreError, ClientError

    session = botocore.session.get_session()
    done: list[Notification] = []
    for notification in notifications:
        parts = notification.topic_arn.split(":")
        region = parts[3] if len(parts) > 3 and parts[3] else notification.region
        try:  # a topic ARN with a malformed region fails here: skipped, not raised
            client: Any = session.create_client("sns", region_name=region)
            answer = client.publish(
                TopicArn=notification.topic_arn, Message=json.dumps(notification.message)
            )
        except (BotoCoreError, ClientError) as failed:
            done.append(notification._replace(skipped=f"not published: {failed}"))
        else:
            done.append(notification._replace(published=str(answer["MessageId"])))
    return done


# The subject SES gives an event record it publishes to SNS (AWS's recorded messages,
# LocalStack's snapshot).
EVENT_SUBJECT = "Amazon SES Email Event Notification"


def publish_events(events: list[Event]) -> list[Event]:
    """Configuration-set events, each with the id moto gave it or why it was skipped: an
    SNS topic takes ``Publish``, an EventBridge bus ``PutEvents`` (source "aws.ses", the
    type's detail-type, the record as detail); other destinations are skipped."""
    if not _wiring._moto_is_active():
        return [e._replace(skipped=NO_MOCK) for e in events]
    import botocore.session
    from botocore.exceptions import BotoCoreError, ClientError

    session = botocore.session.get_session()
    done: list[Event] = []
    for event in events:
        arn = event.target_arn or ""
        parts = arn.split(":")
        region = parts[3] if len(parts) > 3 and parts[3] else event.region
        body = json.dumps(event.message)
        try:
            if event.target == "sns":
                client: Any = session.create_client("sns", region_name=region)
                answer = client.publish(TopicArn=arn, Message=body, Subject=EVENT_SUBJECT)
                done.append(event._replace(published=str(answer["MessageId"])))
            elif event.target == "eventbridge":
                client = session.create_client("events", region_name=region)
                entry = {
                    "Source": "aws.ses",
                    "DetailType": DETAIL_TYPES[event.type],
                    "Detail": body,
                    "EventBusName": arn,
                }
                answer = client.put_events(Entries=[entry])
                (result,) = answer["Entries"]
                if "EventId" in result:
                    done.append(event._replace(published=str(result["EventId"])))
                else:
                    why = result.get("ErrorMessage") or result.get("ErrorCode")
                    done.append(event._replace(skipped=f"not published: {why}"))
            else:
                done.append(event._replace(skipped=_UNSUPPORTED.format(event.target)))
        except (BotoCoreError, ClientError) as failed:
            done.append(event._replace(skipped=f"not published: {failed}"))
        except Exception as failed:  # moto's own failure (an optional module it lacks)
            reason = f"{type(failed).__name__}: {failed}"
            done.append(event._replace(skipped=f"not published: moto failed: {reason}"))
    return done


_UNSUPPORTED = (
    "not published: the fake publishes events to SNS topics and EventBridge buses only, "
    "not to a {} destination"
)
