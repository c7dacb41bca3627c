package bot

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the bot's Prometheus metrics, in a registry of its own.
type metrics struct {
	reg          *prometheus.Registry
	interactions *prometheus.CounterVec
	duration     *prometheus.HistogramVec
	answer       prometheus.Histogram
	errors       *prometheus.CounterVec
}

func newMetrics(passages func() float64) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		interactions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "onrecord_interactions_total",
			Help: "Interactions and mentions handled, by command and outcome.",
		}, []string{"command", "outcome"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "onrecord_interaction_duration_seconds",
			Help:    "Time from receiving an interaction to having its answer.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 20},
		}, []string{"command"}),
		answer: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "onrecord_answer_duration_seconds",
			Help:    "Time the answerer (or verifier) took.",
			Buckets: []float64{.001, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 20},
		}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "onrecord_errors_total",
			Help: "Errors, by kind.",
		}, []string{"kind"}),
	}
	m.reg.MustRegister(m.interactions, m.duration, m.answer, m.errors,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "onrecord_store_passages",
			Help: "Passages in the store.",
		}, passages))
	return m
}

// observe counts one handled interaction.
func (m *metrics) observe(command, outcome string, d time.Duration) {
	m.interactions.WithLabelValues(command, outcome).Inc()
	m.duration.WithLabelValues(command).Observe(d.Seconds())
}

// handler serves the metrics in Prometheus's text format.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}
