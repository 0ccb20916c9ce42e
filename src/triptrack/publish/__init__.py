"""Publishing trips to a CalDAV calendar (issue 15): what to send, what changed, and sending it."""
