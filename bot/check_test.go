package bot

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// checkMessage asserts what Discord requires of a message body (a
// callback's data, an edit, a post) and what the bot promises: mentions
// allow nothing, and everything is within Discord's limits.
func checkMessage(t testing.TB, raw []byte) {
	t.Helper()
	var m struct {
		Content         *string `json:"content"`
		AllowedMentions *struct {
			Parse *[]string `json:"parse"`
			Users []string  `json:"users"`
			Roles []string  `json:"roles"`
		} `json:"allowed_mentions"`
		Embeds []struct {
			Title       string `json:"title"`
			Description string `json:"description"`
			URL         string `json:"url"`
			Author      *struct {
				Name string `json:"name"`
			} `json:"author"`
			Footer *struct {
				Text string `json:"text"`
			} `json:"footer"`
			Fields []struct {
				Name  string `json:"name"`
				Value string `json:"value"`
			} `json:"fields"`
		} `json:"embeds"`
		Components []struct {
			Type       int `json:"type"`
			Components []struct {
				Type     int    `json:"type"`
				CustomID string `json:"custom_id"`
				Label    string `json:"label"`
			} `json:"components"`
		} `json:"components"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("message %s: %v", raw, err)
	}
	if m.AllowedMentions == nil || m.AllowedMentions.Parse == nil || len(*m.AllowedMentions.Parse) != 0 ||
		len(m.AllowedMentions.Users) != 0 || len(m.AllowedMentions.Roles) != 0 {
		t.Errorf("allowed_mentions must allow nothing ({\"parse\":[]}); message: %.300s", raw)
	}
	if !strings.Contains(string(raw), `"allowed_mentions":{"parse":[]`) {
		t.Errorf("allowed_mentions not sent as {\"parse\":[]...}: %.300s", raw)
	}
	if m.Content != nil && textLen(*m.Content) > maxContent {
		t.Errorf("content is %d characters, over %d", textLen(*m.Content), maxContent)
	}
	if len(m.Embeds) > maxEmbeds {
		t.Errorf("%d embeds, over %d", len(m.Embeds), maxEmbeds)
	}
	total := 0
	for k, e := range m.Embeds {
		n := textLen(e.Title) + textLen(e.Description)
		if textLen(e.Title) > maxTitle || textLen(e.Description) > maxDescription || len(e.Fields) > maxFields {
			t.Errorf("embed %d over a limit: title %d, description %d, fields %d", k, textLen(e.Title), textLen(e.Description), len(e.Fields))
		}
		if e.Author != nil {
			n += textLen(e.Author.Name)
			if textLen(e.Author.Name) > maxAuthorName {
				t.Errorf("embed %d author over limit", k)
			}
		}
		if e.Footer != nil {
			n += textLen(e.Footer.Text)
			if textLen(e.Footer.Text) > maxFooter {
				t.Errorf("embed %d footer over limit", k)
			}
		}
		for _, f := range e.Fields {
			n += textLen(f.Name) + textLen(f.Value)
			if textLen(f.Name) > maxFieldName || textLen(f.Value) > maxFieldValue || f.Name == "" || f.Value == "" {
				t.Errorf("embed %d field %q: name %d, value %d characters", k, f.Name, textLen(f.Name), textLen(f.Value))
			}
		}
		total += n
	}
	if total > maxEmbedTotal {
		t.Errorf("embeds total %d characters, over %d", total, maxEmbedTotal)
	}
	if len(m.Components) > maxRows {
		t.Errorf("%d component rows, over %d", len(m.Components), maxRows)
	}
	ids := map[string]bool{}
	for _, row := range m.Components {
		if row.Type != 1 || len(row.Components) == 0 || len(row.Components) > maxButtonsRow {
			t.Errorf("bad action row: type %d with %d components", row.Type, len(row.Components))
		}
		for _, c := range row.Components {
			if c.CustomID == "" || len(c.CustomID) > maxCustomID {
				t.Errorf("custom_id %q: %d characters", c.CustomID, len(c.CustomID))
			}
			if ids[c.CustomID] {
				t.Errorf("custom_id %q used twice in one message", c.CustomID)
			}
			ids[c.CustomID] = true
			if c.Type == 2 && (c.Label == "" || textLen(c.Label) > maxLabel) {
				t.Errorf("button %q label %q", c.CustomID, c.Label)
			}
		}
	}
}

// dataJSON is the raw data of a callback body.
func dataJSON(t testing.TB, body []byte) []byte {
	t.Helper()
	var raw struct {
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		t.Fatal(err)
	}
	return raw.Data
}

// customIDs lists a message's custom ids in order.
func customIDs(d *discordgo.InteractionResponseData) []string {
	var ids []string
	for _, c := range d.Components {
		row, ok := c.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, rc := range row.Components {
			switch x := rc.(type) {
			case *discordgo.Button:
				ids = append(ids, x.CustomID)
			case *discordgo.SelectMenu:
				ids = append(ids, x.CustomID)
			}
		}
	}
	return ids
}

// idWithPrefix is the first custom id starting with prefix, "" if none.
func idWithPrefix(d *discordgo.InteractionResponseData, prefix string) string {
	for _, id := range customIDs(d) {
		if strings.HasPrefix(id, prefix) {
			return id
		}
	}
	return ""
}
