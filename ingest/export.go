package ingest

import "errors"

// parseExport is not written yet.
func parseExport(text string) (*Document, error) { return nil, errors.New("export transcripts are not supported yet") }
