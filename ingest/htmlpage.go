package ingest

// page is the text of an HTML page and what its markup says about it.
type page struct {
	Text      string // the page's text, paragraphs separated by blank lines
	Title     string
	Date      string
	SourceURL string
}
