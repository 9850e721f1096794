"""Publishing feedback notifications to SNS (the ``publish_notifications`` option).

Each notification goes out through a botocore ``sns`` client as ``Publish(TopicArn=...,
Message=json)``, so that moto's ``mock_aws`` receives it (and any SQS queue subscribed to
the topic). Nothing is ever sent to AWS: without an active mock_aws, each notification is
recorded as skipped, with the reason.
"""

from __future__ import annotations

import json
from typing import Any

from . import _wiring
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
