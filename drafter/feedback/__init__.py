"""What agents did with drafts: edit analysis, analytics, reports, learned examples, replay."""
