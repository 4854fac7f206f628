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
  } catch (e) {
    results.failure = String(e);
  }
  window.__results = results;
  window.__done = true;
})();
