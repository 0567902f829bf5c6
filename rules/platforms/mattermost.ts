import { definePlatform } from '../define.js';

/**
 * Mattermost: `Client4.createPost` of `@mattermost/client`, posts and incoming
 * webhooks over HTTP.
 * Docs: https://developers.mattermost.com/api-documentation/#/operations/CreatePost
 */
export default definePlatform({
  platform: 'Mattermost',
  docs: 'https://developers.mattermost.com/api-documentation/#/operations/CreatePost',
  versions: { '@mattermost/client': '9 - 11' },
  untested: { '@mattermost/client': 'not installed for tests: its peer range for TypeScript stops at 5 and finleak builds with TypeScript 6' },
  // `createPost` and `updatePost` are arrow-function properties of the class Client4.
  sinks: [{ module: '@mattermost/client', type: 'Client4', method: ['createPost', 'updatePost', 'patchPost'], payload: ['arg0.message', 'arg0.props'] }],
  endpoints: [
    { method: 'POST', url: '/api/v4/posts$|/hooks/[a-z0-9]+$', payload: ['message', 'props', 'text', 'attachments'], webhookKey: 'mattermost.*(hook|url|uri|endpoint)' },
  ],
});
