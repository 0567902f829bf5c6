import { definePlatform } from '../define.js';

/**
 * WeChat and WeCom: `wechaty` (`contact.say`, `room.say`, `message.say`) and
 * the Official Account / WeCom REST endpoints (including WeCom group webhooks).
 * Docs: https://developers.weixin.qq.com/doc/offiaccount/en/Message_Management/Service_Center_messages.html
 * WeCom: https://developer.work.weixin.qq.com/document/path/90236
 * Wechaty: https://wechaty.js.org/docs/api/contact#contactsaytextorcontactorfileorurl--promise
 */
export default definePlatform({
  platform: 'WeChat',
  docs: 'https://developers.weixin.qq.com/doc/offiaccount/en/Message_Management/Service_Center_messages.html',
  untested: {
    wechaty: 'not installed for tests: about 106 MB in 386 packages with its puppets, more than the CI install budget allows (see fixtures/package.json); modelled from its typings',
  },
  versions: { wechaty: '1' },
  sinks: [
    { module: 'wechaty', type: ['ContactMixin', 'RoomMixin', 'MessageMixin', 'WechatyBase', 'ContactInterface', 'RoomInterface', 'MessageInterface'], method: 'say', payload: ['arg0', 'arg1', 'arg2'] },
  ],
  endpoints: [
    {
      method: 'POST',
      url: '^https://api\\.weixin\\.qq\\.com/cgi-bin/message/(custom/send|template/send|mass/send|mass/sendall|subscribe/bizsend)',
      payload: ['text', 'news', 'data', 'mpnews'],
    },
    {
      method: 'POST',
      url: '^https://qyapi\\.weixin\\.qq\\.com/cgi-bin/(message/send|appchat/send|webhook/send|kf/send_msg|linkedcorp/message/send)',
      payload: ['text', 'markdown', 'markdown_v2', 'news', 'template_card'],
      webhookKey: '(wecom|wechat|weixin).*(hook|url|uri|endpoint)',
    },
  ],
});
