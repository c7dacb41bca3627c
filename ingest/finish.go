package ingest

// finish cleans the parsed turns, assigns roles and display names and
// attributes exchanges. (Being written.)
func finish(doc *Document) {}
