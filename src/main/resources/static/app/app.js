// camel-rtms Zoom App panel: Start/Stop RTMS through the Zoom Apps SDK (window.zoomSdk, loaded from
// appssdk.zoom.us), and the stream's live state and transcript from this server's status API.
// Plain JavaScript, no framework and no build step. Everything shown goes through textContent, never
// innerHTML, and the CSP allows no inline script.
'use strict';

(function () {
  // Relative to /app/, so the panel also works behind a proxy that mounts the bundle under a prefix.
  var STREAMS_URL = '../api/streams';
  var POLL_MILLIS = 1000;
  var SDK_TIMEOUT_MILLIS = 15000;
  var TRANSCRIPT_LINES = 200;
  // The Apps SDK only lets an app call what it declared here (and added in the Marketplace).
  var CAPABILITIES = [
    'startRTMS', 'stopRTMS', 'pauseRTMS', 'resumeRTMS', 'getRTMSStatus', 'onRTMSStatusChange',
    'getRunningContext', 'onRunningContextChange', 'getMeetingUUID', 'getMeetingContext',
    'getEngagementContext', 'onEngagementContextChange'
  ];
  var ENDED_PHASES = ['STOPPED', 'FAILED'];

  var el = {};
  [
    'context', 'notice', 'error', 'info', 'start', 'pause', 'resume', 'stop', 'zoom-status',
    'stream-empty', 'stream-details', 'stream-state', 'stream-id', 'stream-started', 'stream-media',
    'stream-reconnects', 'stream-ended', 'status-error', 'all-streams', 'streams', 'transcript'
  ].forEach(function (id) { el[id] = document.getElementById(id); });

  var state = {
    sdk: null,            // the configured zoomSdk, or null outside Zoom
    unsupported: [],      // APIs the Zoom client says it lacks
    runningContext: null, // inMeeting, inWebinar, inContactCenter, inMainClient, …
    entityId: null,       // meeting UUID or engagement id of where the panel runs
    chosenStreamId: null, // the stream picked in the list when there is no entity to match
    transcriptOf: null,   // the stream whose transcript is open
    transcript: null      // its EventSource
  };

  // ---- messages -------------------------------------------------------------------------------

  function show(node, text) {
    node.textContent = text;
    node.hidden = !text;
  }

  function describe(err) {
    if (!err) {
      return 'unknown error';
    }
    var message = err.message || err.errorMessage || err.reason || String(err);
    var code = err.code || err.errorCode;
    return code ? message + ' (code ' + code + ')' : message;
  }

  function withTimeout(promise, millis, what) {
    return new Promise(function (resolve, reject) {
      var timer = setTimeout(function () { reject(new Error(what + ' did not answer within ' + millis / 1000 + ' s')); }, millis);
      Promise.resolve(promise).then(
        function (value) { clearTimeout(timer); resolve(value); },
        function (err) { clearTimeout(timer); reject(err); });
    });
  }

  // ---- Zoom Apps SDK --------------------------------------------------------------------------

  function outsideZoom(reason) {
    state.sdk = null;
    show(el.context, 'Not running inside Zoom.');
    show(el.notice, 'Open this page inside Zoom to start or stop RTMS: add the app to your Zoom account and '
      + 'open it from a meeting. Below are the streams this server is recording now.'
      + (reason ? ' (' + reason + ')' : ''));
    setButtons();
  }

  function supports(api) {
    return !!state.sdk && typeof state.sdk[api] === 'function' && state.unsupported.indexOf(api) < 0;
  }

  function setButtons() {
    var inSession = !!state.sdk && state.runningContext !== 'inMainClient';
    el.start.disabled = !(inSession && supports('startRTMS'));
    el.stop.disabled = !(inSession && supports('stopRTMS'));
    el.pause.hidden = el.resume.hidden = !(inSession && supports('pauseRTMS') && supports('resumeRTMS'));
    el.pause.disabled = el.resume.disabled = el.pause.hidden;
  }

  function connectZoom() {
    var sdk = window.zoomSdk;
    if (!sdk || typeof sdk.config !== 'function') {
      outsideZoom(null);
      return Promise.resolve();
    }
    var configured;
    try {
      configured = sdk.config({ version: '0.16', capabilities: CAPABILITIES });
    } catch (err) {
      configured = Promise.reject(err);
    }
    return withTimeout(configured, SDK_TIMEOUT_MILLIS, 'The Zoom client')
      .then(function (config) {
        state.sdk = sdk;
        state.unsupported = (config && config.unsupportedApis) || [];
        state.runningContext = config && config.runningContext;
        setButtons();
        listen(sdk);
        return locate(sdk);
      }, function (err) {
        // The real SDK throws "not supported by this browser" in an ordinary browser window.
        outsideZoom('Zoom Apps SDK: ' + describe(err));
      });
  }

  function listen(sdk) {
    if (supports('onRTMSStatusChange')) {
      sdk.onRTMSStatusChange(function () { refreshZoomStatus(); poll(); });
    }
    if (supports('onRunningContextChange')) {
      sdk.onRunningContextChange(function (event) {
        state.runningContext = event && event.runningContext;
        setButtons();
        locate(sdk);
      });
    }
  }

  /** Finds the meeting or engagement the panel runs in, whose stream it shows. */
  function locate(sdk) {
    var where = state.runningContext;
    var found;
    if (where === 'inContactCenter' && supports('getEngagementContext')) {
      found = sdk.getEngagementContext().then(function (r) {
        return { id: r && r.engagementContext && r.engagementContext.engagementId, label: 'Engagement' };
      });
    } else if (supports('getMeetingUUID') && (where === 'inMeeting' || where === 'inWebinar' || !where)) {
      found = sdk.getMeetingUUID().then(function (r) {
        return { id: r && r.meetingUUID, label: where === 'inWebinar' ? 'Webinar' : 'Meeting' };
      });
    } else {
      found = Promise.resolve({ id: null });
    }
    return found.then(function (place) {
      state.entityId = place.id || null;
      if (state.entityId) {
        show(el.context, place.label + ' ' + state.entityId);
        return supports('getMeetingContext') && place.label !== 'Engagement'
          ? sdk.getMeetingContext().then(function (m) {
              if (m && m.meetingTopic) {
                show(el.context, place.label + ': ' + m.meetingTopic + ' (' + state.entityId + ')');
              }
            }, function () { /* the topic is a nicety */ })
          : null;
      }
      show(el.context, 'Inside Zoom (' + (where || 'unknown context') + '): start RTMS from a meeting.');
      return null;
    }, function (err) {
      state.entityId = null;
      show(el.context, 'Inside Zoom; the meeting could not be identified: ' + describe(err));
    }).then(function () {
      refreshZoomStatus();
      poll();
    });
  }

  function refreshZoomStatus() {
    if (!supports('getRTMSStatus')) {
      return;
    }
    state.sdk.getRTMSStatus().then(function (r) {
      var sessions = (r && r.rtmsStatus) || [];
      show(el['zoom-status'], sessions.length
        ? 'Zoom reports: ' + sessions.map(function (s) { return s.status; }).join(', ')
        : 'Zoom reports no RTMS session for this app.');
    }, function () {
      show(el['zoom-status'], '');
    });
  }

  function act(api, verb, done) {
    show(el.error, '');
    show(el.info, 'Asking Zoom to ' + verb + ' RTMS…');
    var call;
    try {
      call = state.sdk[api]();
    } catch (err) {
      call = Promise.reject(err);
    }
    return withTimeout(call, SDK_TIMEOUT_MILLIS, 'The Zoom client').then(function () {
      show(el.info, done);
      refreshZoomStatus();
      poll();
    }, function (err) {
      show(el.info, '');
      show(el.error, 'Zoom could not ' + verb + ' RTMS: ' + describe(err));
    });
  }

  el.start.addEventListener('click', function () {
    act('startRTMS', 'start', 'Zoom is starting RTMS; the stream shows below once this server has joined it.');
  });
  el.stop.addEventListener('click', function () {
    act('stopRTMS', 'stop', 'Zoom is stopping RTMS.');
  });
  el.pause.addEventListener('click', function () {
    act('pauseRTMS', 'pause', 'RTMS paused.');
  });
  el.resume.addEventListener('click', function () {
    act('resumeRTMS', 'resume', 'RTMS resumed.');
  });

  // ---- status API -----------------------------------------------------------------------------

  var pollTimer = null;

  function poll() {
    clearTimeout(pollTimer);
    fetch(STREAMS_URL, { cache: 'no-store', headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      })
      .then(function (body) {
        show(el['status-error'], '');
        render((body && body.active) || [], (body && body.recent) || []);
      }, function (err) {
        show(el['status-error'], 'The stream status is unavailable: ' + describe(err));
      })
      .then(function () {
        pollTimer = setTimeout(poll, POLL_MILLIS);
      });
  }

  function isEnded(stream) {
    return ENDED_PHASES.indexOf(stream.phase) >= 0 || stream.lifecycle === 'STOPPED' || stream.lifecycle === 'FAILED';
  }

  /** The stream to show: this meeting's newest, else the one picked in the list, else the newest active one. */
  function pick(active, recent) {
    var all = active.concat(recent);
    var newestFirst = function (a, b) { return (b.startedAt || 0) - (a.startedAt || 0); };
    if (state.entityId) {
      var mine = all.filter(function (s) { return s.entityId === state.entityId; });
      var open = mine.filter(function (s) { return !isEnded(s); }).sort(newestFirst);
      return open[0] || mine.sort(newestFirst)[0] || null;
    }
    var chosen = all.filter(function (s) { return s.streamId === state.chosenStreamId; })[0];
    return chosen || active.slice().sort(newestFirst)[0] || null;
  }

  function render(active, recent) {
    var stream = pick(active, recent);
    renderList(state.entityId ? null : active, stream);
    if (!stream) {
      el['stream-details'].hidden = true;
      el['stream-details'].removeAttribute('data-phase');
      show(el['stream-empty'], state.entityId ? 'No stream for this meeting yet.' : 'No active stream.');
      openTranscript(null);
      return;
    }
    show(el['stream-empty'], '');
    el['stream-details'].hidden = false;
    el['stream-details'].setAttribute('data-phase', stream.phase || '');
    el['stream-details'].setAttribute('data-stream-id', stream.streamId || '');
    el['stream-state'].textContent = (stream.phase || '?') + (stream.lifecycle ? ' (' + stream.lifecycle + ')' : '');
    el['stream-id'].textContent = (stream.product ? stream.product + ' ' : '') + stream.streamId;
    el['stream-started'].textContent = time(stream.startedAt)
      + (stream.connectedAt ? ', media since ' + time(stream.connectedAt) : '');
    el['stream-media'].textContent = counts(stream.frames) || 'nothing yet';
    el['stream-reconnects'].textContent = String(stream.reconnects || 0);
    el['stream-ended'].textContent = stream.endedAt
      ? time(stream.endedAt) + (stream.stopReasonName ? ': ' + stream.stopReasonName : '')
      : '—';
    openTranscript(isEnded(stream) ? null : stream.streamId);
  }

  function renderList(active, shown) {
    el['all-streams'].hidden = !active;
    if (!active) {
      return;
    }
    el.streams.textContent = '';
    if (!active.length) {
      var none = document.createElement('li');
      none.className = 'muted';
      none.textContent = 'none';
      el.streams.appendChild(none);
      return;
    }
    active.forEach(function (s) {
      var item = document.createElement('li');
      item.textContent = (s.product || '') + ' ' + (s.entityId || '?') + ' — ' + (s.phase || '?');
      item.setAttribute('data-stream-id', s.streamId);
      item.setAttribute('aria-current', shown && shown.streamId === s.streamId ? 'true' : 'false');
      item.tabIndex = 0;
      var choose = function () { state.chosenStreamId = s.streamId; poll(); };
      item.addEventListener('click', choose);
      item.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          choose();
        }
      });
      el.streams.appendChild(item);
    });
  }

  function time(epochMillis) {
    return epochMillis ? new Date(epochMillis).toLocaleTimeString() : '—';
  }

  function counts(byType) {
    return Object.keys(byType || {}).filter(function (k) { return byType[k] > 0; })
      .map(function (k) { return k + ' ' + byType[k]; }).join(' · ');
  }

  // ---- live transcript (server-sent events) ----------------------------------------------------

  function openTranscript(streamId) {
    if (streamId === state.transcriptOf) {
      return;
    }
    if (state.transcript) {
      state.transcript.close();
      state.transcript = null;
    }
    state.transcriptOf = streamId;
    if (!streamId || typeof EventSource !== 'function') {
      return;
    }
    var source = new EventSource(STREAMS_URL + '/' + encodeURIComponent(streamId) + '/transcript');
    state.transcript = source;
    el.transcript.textContent = '';
    // After a reconnect the server replays its recent lines: start the list afresh.
    source.addEventListener('open', function () { el.transcript.textContent = ''; });
    source.addEventListener('transcript', function (event) {
      var line;
      try {
        line = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      var item = document.createElement('li');
      var speaker = document.createElement('span');
      speaker.className = 'speaker';
      speaker.textContent = line.user_name || line.user_id || '?';
      item.appendChild(speaker);
      item.appendChild(document.createTextNode(line.text || ''));
      el.transcript.appendChild(item);
      while (el.transcript.childNodes.length > TRANSCRIPT_LINES) {
        el.transcript.removeChild(el.transcript.firstChild);
      }
      el.transcript.scrollTop = el.transcript.scrollHeight;
    });
    source.addEventListener('end', function () {
      source.close();
    });
  }

  // ---- start ----------------------------------------------------------------------------------

  connectZoom().then(function () {
    if (!state.sdk) {
      poll();
    }
  });
})();
