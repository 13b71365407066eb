"""The 会议活动 section: the event list, the editor, exports and print preview."""
