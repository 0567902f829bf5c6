import { definePlatform } from '../define.js';

/**
 * Mattermost posts and incoming webhooks over HTTP. (`@mattermost/client`
 * could not be installed next to TypeScript 6: its peer range stops at 5.)
 * Docs: https://developers.mattermost.com/api-documentation/#/operations/CreatePost
 */
export default definePlatform({
  platform: 'Mattermost',
  docs: 'https://developers.mattermost.com/api-documentation/#/operations/CreatePost',
  endpoints: [
    { method: 'POST', url: '/api/v4/posts$|/hooks/[a-z0-9]+$', payload: ['message', 'props', 'text', 'attachments'], webhookKey: 'mattermost.*(hook|url|uri|endpoint)' },
  ],
});
