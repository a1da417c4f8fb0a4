"""Pages and files: Markdown for the site engine, feeds, calendar, exports, search."""
