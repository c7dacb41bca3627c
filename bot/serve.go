package bot

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Limits on requests to the interactions endpoint.
const (
	maxBody  = 1 << 20         // bytes of an interaction
	maxSkew  = 5 * time.Minute // age (or lead) of a signature's timestamp
	pathPost = "/interactions" // where Discord posts interactions
)

// HTTPHandler serves Discord's HTTP interactions endpoint for `onrecord
// serve`:
//
//	POST /interactions  signed interactions (Ed25519 with Config.PublicKey;
//	                    stale timestamps refused); 401 when unsigned or
//	                    badly signed, 413 over 1 MB
//	GET  /healthz       200 while the process is up
//	GET  /readyz        200 when there are passages to quote and the bot
//	                    is not draining, else 503
//	GET  /metrics       Prometheus metrics (onrecord_*)
//
// An answer ready within Config.DeferAfter is returned in the HTTP response
// itself; a slower one is deferred and then edited into the original
// response through Config.Session. Set the application's Interactions
// Endpoint URL to https://HOST/interactions.
func (b *Bot) HTTPHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+pathPost, b.serveInteraction)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if b.draining() || len(b.lib.Passages()) == 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
			io.WriteString(w, "not ready\n")
			return
		}
		io.WriteString(w, "ready\n")
	})
	mux.Handle("GET /metrics", b.metrics.handler())
	return mux
}

// serveInteraction checks an interaction's signature and answers it.
func (b *Bot) serveInteraction(w http.ResponseWriter, r *http.Request) {
	sig, ts := r.Header.Get("X-Signature-Ed25519"), r.Header.Get("X-Signature-Timestamp")
	if sig == "" || ts == "" || len(b.cfg.PublicKey) != ed25519.PublicKeySize {
		b.refuse(w, http.StatusUnauthorized, "signature")
		return
	}
	if r.ContentLength > maxBody {
		b.refuse(w, http.StatusRequestEntityTooLarge, "oversize")
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		b.refuse(w, http.StatusBadRequest, "read")
		return
	}
	if len(body) > maxBody {
		b.refuse(w, http.StatusRequestEntityTooLarge, "oversize")
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if !discordgo.VerifyInteraction(r, b.cfg.PublicKey) {
		b.refuse(w, http.StatusUnauthorized, "signature")
		return
	}
	// discordgo checks the signature but not its age: refuse replays.
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		b.refuse(w, http.StatusUnauthorized, "signature")
		return
	}
	if age := time.Since(time.Unix(sec, 0)); age > maxSkew || age < -maxSkew {
		b.refuse(w, http.StatusUnauthorized, "stale")
		return
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(body, &i); err != nil {
		b.log.Warn("undecodable interaction", "err", err)
		b.refuse(w, http.StatusBadRequest, "decode")
		return
	}
	ex := b.handle(r.Context(), b.rest, &i)
	out, err := json.Marshal(ex.first)
	if err != nil {
		b.log.Error("encode response", "command", ex.command, "err", err)
		b.metrics.errors.WithLabelValues("encode").Inc()
		out, _ = json.Marshal(message(msgTrouble, true))
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(out)))
	_, werr := w.Write(out)
	if f, ok := w.(http.Flusher); ok && werr == nil {
		f.Flush()
	}
	if werr != nil {
		b.log.Warn("write response", "command", ex.command, "err", werr)
	}
	ex.sent(werr == nil)
}

// refuse answers a request that is not a valid interaction.
func (b *Bot) refuse(w http.ResponseWriter, code int, kind string) {
	b.metrics.errors.WithLabelValues("request_" + kind).Inc()
	http.Error(w, http.StatusText(code), code)
}
