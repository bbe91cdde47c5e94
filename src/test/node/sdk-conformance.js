// Drives RingCentral's official JavaScript SDK (@ringcentral/sdk + @ringcentral/subscriptions) against
// presence-stream's simulator. RingCentralSdkConformanceIT starts the simulator, runs this script and
// reads its stdout, one event per line:
//   LOGGED_IN <ownerId>
//   SUBSCRIBED <subscriptionId>
//   NOTIFICATION {"extensionId":…,"sequence":…,"subscriptionId":…,"event":…,"calls":n,"parties":[…]}
//   SESSION {"telephonySessionId":…,"sequence":…,"partyId":…,"extensionId":…|null,"code":…,"subscriptionId":…,"event":…}
//   RECOVERED <recoveryState>
//   DONE
// It exits when a line "EXIT" arrives on stdin (or after DEADLINE_MS), and with status 1 on any error.
'use strict';

const readline = require('readline');
const { SDK } = require('@ringcentral/sdk');
const { Subscriptions } = require('@ringcentral/subscriptions');
const { Events } = require('@rc-ex/ws');

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
};

function fail(error) {
  // Never print credentials: only the message and the stack of our own error.
  console.error(`FAILED ${error && error.message ? error.message : error}`);
  process.exit(1);
}

process.on('unhandledRejection', fail);
setTimeout(() => fail(new Error('deadline passed')), Number(process.env.DEADLINE_MS || 60000)).unref();

async function main() {
  const sdk = new SDK({
    server: env('RC_SERVER'),
    clientId: env('RC_CLIENT_ID'),
    clientSecret: env('RC_CLIENT_SECRET'),
  });
  const platform = sdk.platform();
  const login = await platform.login({ jwt: env('RC_JWT') });
  console.log(`LOGGED_IN ${(await login.json()).owner_id}`);

  const subscriptions = new Subscriptions({ sdk });
  const subscription = subscriptions.createSubscription();
  subscription.on(subscription.events.notification, (n) => {
    if (n.event.includes('/telephony/sessions')) {
      const party = n.body.parties[0];
      console.log(`SESSION ${JSON.stringify({
        telephonySessionId: n.body.telephonySessionId,
        sequence: n.body.sequence,
        partyId: party.id,
        extensionId: party.extensionId === undefined ? null : String(party.extensionId),
        code: party.status.code,
        subscriptionId: n.subscriptionId,
        event: n.event,
      })}`);
      return;
    }
    const calls = n.body.activeCalls || [];
    console.log(`NOTIFICATION ${JSON.stringify({
      extensionId: String(n.body.extensionId),
      sequence: n.body.sequence,
      subscriptionId: n.subscriptionId,
      event: n.event,
      calls: calls.length,
      parties: calls.filter((c) => c.telephonyStatus !== 'NoCall').map((c) => `${c.telephonySessionId}/${c.partyId}`),
    })}`);
  });
  // Presence and telephony sessions in one subscription, as an app with the CallControl permission does.
  subscription.setEventFilters([
    '/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=true&sipData=true',
    '/restapi/v1.0/account/~/presence?detailedTelephonyState=true&sipData=true',
    '/restapi/v1.0/account/~/telephony/sessions',
  ]);
  const ws = await subscription.register();
  ws.wse.eventEmitter.on(Events.autoRecoverSuccess, () => console.log('RECOVERED Successful'));
  ws.wse.eventEmitter.on(Events.autoRecoverFailed, () => console.log('RECOVERED Failed'));
  console.log(`SUBSCRIBED ${ws.subscriptionInfo.id}`);

  const input = readline.createInterface({ input: process.stdin });
  input.on('line', async (line) => {
    if (line.trim() === 'EXIT') {
      try {
        await ws.wse.revoke();
        await platform.logout();
      } finally {
        console.log('DONE');
        process.exit(0);
      }
    }
  });
}

main().catch(fail);
