// A stand-in for the Zoom Apps SDK (window.zoomSdk) for ZoomAppPanelBrowserTest, which injects it into
// the page before the page's own scripts run, after setting window.zoomSdkStubOptions:
//   meetingUUID, runningContext, unsupportedApis, rtmsStatus: what the SDK reports;
//   appContext: what getAppContext() gives (the test encrypts it as Zoom would, with the app's client secret);
//   appContexts: what successive getAppContext() calls give instead, the last one from then on;
//   fail: {apiName: {message, code}} makes that call reject like the SDK does.
// Every call is recorded in window.zoomSdkCalls (API names) and config's options in window.zoomSdkConfig.
(function () {
  var options = window.zoomSdkStubOptions || {};
  var calls = window.zoomSdkCalls = [];

  function answer(api, value) {
    calls.push(api);
    var failure = (options.fail || {})[api];
    if (failure) {
      var error = new Error(failure.message);
      if (failure.code) {
        error.code = failure.code;
      }
      return Promise.reject(error);
    }
    return Promise.resolve(value);
  }

  function listener(api) {
    return function (handler) {
      calls.push(api);
      window.zoomSdkListeners = window.zoomSdkListeners || {};
      window.zoomSdkListeners[api] = handler;
    };
  }

  window.zoomSdk = {
    config: function (configOptions) {
      window.zoomSdkConfig = configOptions;
      return answer('config', {
        runningContext: options.runningContext || 'inMeeting',
        unsupportedApis: options.unsupportedApis || [],
        clientVersion: '6.5.5.0',
        browserVersion: 'chromium-stub',
        auth: { status: 'authorized', upgradable: false },
        product: 'desktop'
      });
    },
    startRTMS: function () { return answer('startRTMS', { message: 'success' }); },
    stopRTMS: function () { return answer('stopRTMS', { message: 'success' }); },
    pauseRTMS: function () { return answer('pauseRTMS', { message: 'success' }); },
    resumeRTMS: function () { return answer('resumeRTMS', { message: 'success' }); },
    getRTMSStatus: function () { return answer('getRTMSStatus', { rtmsStatus: options.rtmsStatus || [] }); },
    getMeetingUUID: function () { return answer('getMeetingUUID', { meetingUUID: options.meetingUUID }); },
    getMeetingContext: function () { return answer('getMeetingContext', { meetingTopic: 'Panel test meeting', meetingID: '123' }); },
    getAppContext: function () {
      var list = options.appContexts;
      var context = list && list.length ? (list.length > 1 ? list.shift() : list[0]) : options.appContext;
      return answer('getAppContext', { context: context });
    },
    getEngagementContext: function () {
      return answer('getEngagementContext', { engagementContext: { engagementId: options.engagementId, startTime: 0 } });
    },
    onRTMSStatusChange: listener('onRTMSStatusChange'),
    onRunningContextChange: listener('onRunningContextChange')
  };
})();
