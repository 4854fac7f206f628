// Calls the API the way the existing web app does (fetch from another origin, JSON bodies, bearer tokens, cookies
// allowed), and leaves what the browser let it read in window.__results for the test.
const api = new URLSearchParams(location.search).get('api');
const results = {};

async function call(name, method, path, body, token) {
  const headers = {'Content-Type': 'application/json'};
  if (token) {
    headers['Authorization'] = 'Bearer ' + token;
  }
  try {
    const response = await fetch(api + path, {
      method, headers, credentials: 'include', body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    let json = null;
    try { json = JSON.parse(text); } catch (e) { /* not JSON: the test says so */ }
    results[name] = {
      status: response.status, body: json, text,
      location: response.headers.get('Location'), retryAfter: response.headers.get('Retry-After'),
    };
  } catch (e) {
    // what a browser reports when CORS blocks a response: a TypeError ("Failed to fetch")
    results[name] = {error: String(e)};
  }
  document.getElementById('log').textContent += name + ' ' + JSON.stringify(results[name]) + '\n';
  return results[name];
}

(async () => {
  try {
    const user = 'web_' + Math.random().toString(36).slice(2, 10);
    const password = 'correct-horse-battery';
    await call('register', 'POST', '/api/auth/register',
        {username: user, email: user + '@example.com', password, role: 'creator'});
    const login = await call('login', 'POST', '/api/auth/login', {username: user, password});
    const token = login.body && login.body.data ? login.body.data.accessToken : null;
    const created = await call('createProduct', 'POST', '/api/products', {name: 'Browser lamp', price: 19.9}, token);
    await call('readProduct', 'GET', '/api/products/' + (created.body ? created.body.id : 'none'));
    await call('badToken', 'GET', '/api/auth/me', null, 'not-a-token');
    await call('unknownRoute', 'GET', '/api/nothing-here');
    await call('health', 'GET', '/health');

    // live: a show, a socket.io connection from this page (the web app's options, no auth), a chat message
    const session = await call('createSession', 'POST', '/api/sessions', {title: 'Browser show'}, token);
    const sessionId = session.body.data.id;
    await call('startStream', 'POST', '/api/sessions/' + sessionId + '/start-stream', null, token);
    for (let i = 0; i < 60; i++) {
      const known = await call('roomKnown', 'GET', '/api/sessions/' + sessionId + '/chat/count');
      if (known.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const socket = io(api, {transports: ['websocket', 'polling']});
    const heard = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no new-message within 30 s')), 30000);
      socket.on('new-message', (message) => { clearTimeout(timer); resolve(message); });
    });
    await new Promise((resolve, reject) => {
      socket.on('connect', resolve);
      socket.on('connect_error', (e) => reject(new Error('socket: ' + e.message)));
    });
    socket.emit('join-session', {sessionId, userId: 'from-the-page'});
    await new Promise((resolve) => socket.once('viewer-count', resolve));
    await call('chat', 'POST', '/api/sessions/' + sessionId + '/chat', {message: 'Hello from the show'}, token);
    results.socket = {transport: socket.io.engine.transport.name, message: await heard};
    socket.disconnect();
  } catch (e) {
    results.failure = String(e);
  }
  window.__results = results;
  window.__done = true;
})();
