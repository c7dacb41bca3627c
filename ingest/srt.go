package ingest

import "errors"

// parseSRT is not written yet.
func parseSRT(text string) (*Document, error) { return nil, errors.New("srt transcripts are not supported yet") }
