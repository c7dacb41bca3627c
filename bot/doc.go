// Package bot is onrecord's Discord side: slash commands (/ask, /quote,
// /verify, /context, /speakers, /transcripts), their buttons and
// autocomplete, and mentions of the bot in a channel. Every reply carries
// verbatim, attributed quotes rendered as embeds within Discord's limits,
// with mentions disabled.
//
// One core turns an interaction into a response; two transports carry it:
//
//   - Run connects to Discord's gateway with a discordgo.Session
//     (`onrecord bot`), registers the commands, answers interactions with
//     InteractionRespond and mentions in a thread.
//   - HTTPHandler serves Discord's HTTP interactions endpoint
//     (`onrecord serve`): signed POSTs to /interactions answered in the
//     HTTP response, plus /healthz, /readyz and /metrics.
//
// The bot depends on the narrow interfaces Asker, Verifier and Library, and
// reads no environment: cmd builds a Config and passes it to New.
package bot
