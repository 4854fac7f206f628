// A client developer's first minutes with the SDK generated from docs/openapi.yaml (typescript-fetch): register,
// log in, create a product, create a session with it and read the session back, through the edge.
// Run by GeneratedSdkIT: node dist/scenario.js <baseUrl>. Prints one JSON line per step; exits 1 on the first failure.
import {
    AuthApi,
    Configuration,
    ProductsApi,
    ResponseError,
    SessionsApi,
} from './generated';

declare const process: { argv: string[]; exit(code: number): never };

const baseUrl = process.argv[2] ?? 'http://localhost:3000';

function step(name: string, detail: object): void {
    console.log(JSON.stringify({ step: name, ...detail }));
}

function check(condition: boolean, message: string): void {
    if (!condition) {
        throw new Error(message);
    }
}

async function sleep(millis: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, millis));
}

async function main(): Promise<void> {
    const suffix = Math.random().toString(36).slice(2, 10);
    const username = `sdk_${suffix}`;
    const password = 'correct-horse-battery';
    const anonymous = new Configuration({ basePath: baseUrl });

    const registered = await new AuthApi(anonymous).registerUser({
        registerRequest: { username, email: `${username}@example.com`, password, role: 'creator' },
    });
    check(registered.success && registered.data.user.username === username, 'registerUser answers the new user');
    step('registerUser', { userId: registered.data.user.id, role: registered.data.user.role });

    const signedIn = await new AuthApi(anonymous).login({ loginRequest: { username, password } });
    check(signedIn.data.accessToken.length > 20, 'login answers an access token');
    check(signedIn.data.refreshToken.length > 20, 'login answers a refresh token');
    step('login', { userId: signedIn.data.user.id });

    const authorized = new Configuration({ basePath: baseUrl, accessToken: signedIn.data.accessToken });
    const product = await new ProductsApi(authorized).createProduct({
        productRequest: { name: 'SDK lamp', price: 24.5, category: 'Home', stock: 3 },
    });
    check(product.sellerId === signedIn.data.user.id, 'the caller sells the product');
    check(product.price === 24.5 && product.stock === 3, 'the product has the price and stock sent');
    step('createProduct', { productId: product.id, price: product.price });

    const sessions = new SessionsApi(authorized);
    const created = await sessions.createSession({
        sessionRequest: { title: 'SDK show', tags: ['sdk'], productIds: [product.id] },
    });
    check(created.data.status === 'scheduled', 'a new session is scheduled');
    check(created.data.creatorId === signedIn.data.user.id, 'the caller hosts the session');
    step('createSession', { sessionId: created.data.id, status: created.data.status });

    const read = await sessions.getSession({ id: created.data.id });
    check(read.data.title === 'SDK show', 'the session reads back');
    check(read.data.products.length === 1 && read.data.products[0].id === product.id, 'with its product');
    check(read.data.startedAt === null, 'a session that never went live has no startedAt');
    check(read.data.activeProduct === null, 'and nothing showcased');
    step('getSession', { sessionId: read.data.id, products: read.data.products.map((p) => p.id) });

    // refusals reach the client as the shared error body
    try {
        await new SessionsApi(anonymous).createSession({ sessionRequest: { title: 'No token' } });
        throw new Error('creating a session without a token must be refused');
    } catch (e) {
        check(e instanceof ResponseError && e.response.status === 401, `401 without a token, got ${e}`);
        const body = await (e as ResponseError).response.json();
        check(body.success === false && typeof body.message === 'string', 'the 401 carries the error body');
        step('refused', { status: 401, error: body.error });
    }
}

async function withRetries(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
        try {
            await main();
            step('done', { ok: true });
            return;
        } catch (e) {
            // a fresh stack's services may still be warming up; anything else fails at once
            const retriable = e instanceof ResponseError && e.response.status >= 500 && attempt < 3;
            if (!retriable) {
                throw e;
            }
            await sleep(2000);
        }
    }
}

withRetries().catch(async (e) => {
    const detail = e instanceof ResponseError ? `${e.response.status} ${await e.response.text()}` : String(e);
    console.log(JSON.stringify({ step: 'failed', error: detail }));
    process.exit(1);
});
