package ingest

import "errors"

// parseHearing is not written yet.
func parseHearing(text string) (*Document, error) { return nil, errors.New("hearing transcripts are not supported yet") }
