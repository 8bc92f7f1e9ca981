// camel-rtms Zoom App panel: Start/Stop RTMS through the Zoom Apps SDK (window.zoomSdk, loaded from
// appssdk.zoom.us), and the live state and transcript of this meeting's stream from the panel's API. Every
// request to that API carries the app context the SDK's getAppContext() gives (encrypted by Zoom with the
// app's client secret), from which the server learns the meeting: it shows nothing of other meetings.
// Plain JavaScript, no framework and no build step. Everything shown goes through textContent, never
// innerHTML, and the CSP allows no inline script.
'use strict';

(function () {
  // Relative to /app/, so the panel also works behind a proxy that mounts the bundle under a prefix.
  var STREAMS_URL = 'api/streams';
  var CONTEXT_HEADER = 'x-zoom-app-context';
  var POLL_MILLIS = 1000;
  var SDK_TIMEOUT_MILLIS = 15000;
  var TRANSCRIPT_LINES = 200;
  // The Apps SDK only lets an app call what it declared here (and added in the Marketplace).
  var CAPABILITIES = [
    'startRTMS', 'stopRTMS', 'pauseRTMS', 'resumeRTMS', 'getRTMSStatus', 'onRTMSStatusChange',
    'getRunningContext', 'onRunningContextChange', 'getMeetingUUID', 'getMeetingContext',
    'getEngagementContext', 'onEngagementContextChange', 'getAppContext'
  ];
  var ENDED_PHASES = ['STOPPED', 'FAILED'];

  var el = {};
  [
    'context', 'notice', 'error', 'info', 'start', 'pause', 'resume', 'stop', 'zoom-status',
    'stream-empty', 'stream-details', 'stream-state', 'stream-id', 'stream-started', 'stream-media',
    'stream-reconnects', 'stream-ended', 'status-error', 'transcript'
  ].forEach(function (id) { el[id] = document.getElementById(id); });

  var state = {
    sdk: null,            // the configured zoomSdk, or null outside Zoom
    unsupported: [],      // APIs the Zoom client says it lacks
    runningContext: null, // inMeeting, inWebinar, inContactCenter, inMainClient, …
    entityId: null,       // meeting UUID or engagement id of where the panel runs
    appContext: null,     // Zoom's encrypted app context, sent with every request to the panel's API
    transcriptOf: null,   // the stream whose transcript is open
    transcript: null      // the AbortController of its request
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
    show(el.notice, 'Open this page inside Zoom to start or stop RTMS and to follow the meeting\'s stream: add the '
      + 'app to your Zoom account and open it from a meeting.'
      + (reason ? ' (' + reason + ')' : ''));
    show(el['stream-empty'], 'Streams are shown only inside a Zoom meeting.');
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

  // ---- the panel's API, authenticated by Zoom's app context ------------------------------------

  var pollTimer = null;

  /** Zoom's app context for the server; asked for again when the server says it expired. */
  function appContext(fresh) {
    if (state.appContext && !fresh) {
      return Promise.resolve(state.appContext);
    }
    if (!supports('getAppContext')) {
      return Promise.reject(new Error('this Zoom client does not give an app context'));
    }
    return withTimeout(state.sdk.getAppContext(), SDK_TIMEOUT_MILLIS, 'The Zoom client').then(function (r) {
      state.appContext = (r && r.context) || null;
      if (!state.appContext) {
        throw new Error('the Zoom client gave no app context');
      }
      return state.appContext;
    });
  }

  /** GET from the panel's API with the app context; one retry with a fresh context when it expired. */
  function authorizedFetch(url, options, retried) {
    return appContext(false).then(function (context) {
      var headers = Object.assign({}, options.headers || {});
      headers[CONTEXT_HEADER] = context;
      return fetch(url, Object.assign({}, options, { headers: headers }));
    }).then(function (response) {
      if (response.status === 401 && !retried) {
        state.appContext = null;
        return authorizedFetch(url, options, true);
      }
      return response;
    });
  }

  function poll() {
    clearTimeout(pollTimer);
    if (!state.sdk) {
      // outside Zoom there is no meeting, so there is nothing to show
      return;
    }
    authorizedFetch(STREAMS_URL, { cache: 'no-store', headers: { Accept: 'application/json' } })
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

  /** The stream to show: of this meeting's streams (all the server gives), the newest open one, else the newest. */
  function pick(active, recent) {
    var all = active.concat(recent);
    var newestFirst = function (a, b) { return (b.startedAt || 0) - (a.startedAt || 0); };
    var open = all.filter(function (s) { return !isEnded(s); }).sort(newestFirst);
    return open[0] || all.sort(newestFirst)[0] || null;
  }

  function render(active, recent) {
    var stream = pick(active, recent);
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
      state.transcript.abort();
      state.transcript = null;
    }
    state.transcriptOf = streamId;
    if (!streamId || typeof AbortController !== 'function') {
      return;
    }
    // fetch rather than EventSource: an EventSource cannot send the app context header
    var controller = new AbortController();
    state.transcript = controller;
    el.transcript.textContent = '';
    authorizedFetch(STREAMS_URL + '/' + encodeURIComponent(streamId) + '/transcript',
      { cache: 'no-store', headers: { Accept: 'text/event-stream' }, signal: controller.signal })
      .then(function (response) {
        if (!response.ok || !response.body) {
          throw new Error('HTTP ' + response.status);
        }
        return readEvents(response.body.getReader(), onTranscriptEvent);
      })
      .catch(function () { /* aborted, or the stream ended: the next poll decides */ })
      .then(function () {
        if (state.transcript === controller) {
          state.transcript = null;
          state.transcriptOf = null;
        }
      });
  }

  /** Reads server-sent events ("event:" and "data:" lines, a blank line ends one) from a response body. */
  function readEvents(reader, onEvent) {
    var decoder = new TextDecoder();
    var buffered = '';
    var name = 'message';
    var data = [];
    function next() {
      return reader.read().then(function (chunk) {
        if (chunk.done) {
          return null;
        }
        buffered += decoder.decode(chunk.value, { stream: true });
        var lines = buffered.split(/\r?\n/);
        buffered = lines.pop();
        for (var i = 0; i < lines.length; i++) {
          var line = lines[i];
          if (line === '') {
            if (data.length && onEvent(name, data.join('\n')) === false) {
              reader.cancel();
              return null;
            }
            name = 'message';
            data = [];
          } else if (line.indexOf('event:') === 0) {
            name = line.substring(6).trim();
          } else if (line.indexOf('data:') === 0) {
            data.push(line.substring(5).replace(/^ /, ''));
          }
        }
        return next();
      });
    }
    return next();
  }

  /** One event of the transcript feed; false ends the feed. */
  function onTranscriptEvent(name, data) {
    if (name === 'open') {
      // after a reconnect the server replays its recent lines: start the list afresh
      el.transcript.textContent = '';
      return true;
    }
    if (name === 'end') {
      return false;
    }
    if (name !== 'transcript') {
      return true;
    }
    var line;
    try {
      line = JSON.parse(data);
    } catch (e) {
      return true;
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
    return true;
  }

  // ---- start ----------------------------------------------------------------------------------

  connectZoom();
})();
