/**
 * What the login page says, in Vietnamese: the only texts the studio's first
 * script carries (the rest of vi.ts comes with the signed-in chunk). Part of
 * the catalogue: vi.ts spreads it in, so keys and checks are the same.
 */
export const viLogin = {
  'app.title': 'Pano Studio',
  'app.brand': 'Pano',
  'lang.choose': 'Ngôn ngữ giao diện',
  'lang.vi.native': 'Tiếng Việt',
  'lang.en.native': 'English',
  'login.title': 'Đăng nhập Pano Studio',
  'login.lead': 'Soạn, lên lịch và xem trước nội dung cho màn hình của đơn vị.',
  'login.username': 'Tên đăng nhập',
  'login.password': 'Mật khẩu',
  'login.submit': 'Đăng nhập',
  'login.ended': 'Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.',
  'error.unexpected': 'Có lỗi ngoài dự kiến. Vui lòng thử lại.',
  'error.NETWORK': 'Không kết nối được với máy chủ. Kiểm tra mạng rồi thử lại.',
  'error.UNAUTHORIZED': 'Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.',
  'error.LOGIN_FAILED': 'Sai tên đăng nhập hoặc mật khẩu.',
  'error.RATE_LIMITED': 'Thử quá nhiều lần. Vui lòng đợi {retry} giây.',
  'error.FORBIDDEN': 'Vai trò của bạn không được làm việc này.',
  'error.CSRF_FAILED': 'Yêu cầu bị từ chối vì lý do bảo mật. Tải lại trang rồi thử lại.',
  'error.PASSWORD_CHANGE_REQUIRED': 'Bạn cần đổi mật khẩu dùng một lần trước.',
  'error.PASSWORD_WRONG': 'Mật khẩu hiện tại không đúng.',
  'error.NOT_FOUND': 'Không tìm thấy {what}.',
  'error.MALFORMED': 'Dữ liệu gửi lên bị hỏng hoặc tệp rỗng.',
  'error.UNSUPPORTED_MEDIA_TYPE': 'Màn hình không phát được định dạng này (nhận MP4, WebM, JPEG, PNG, WebP, AVIF, SVG, WebVTT).',
  'error.TOO_LARGE': 'Tệp quá lớn (tối đa {limit}).',
  'error.SCHEMA_INVALID': 'Còn chỗ chưa hợp lệ — xem các ô được đánh dấu.',
  'error.CONFLICT': 'Đã có {what}.',
  'error.CHANNEL_EXISTS': 'Đã có kênh {channel}.',
  'error.USERNAME_TAKEN': 'Tên đăng nhập {username} đã có người dùng.',
  'error.LAST_ADMIN': 'Không thể: hệ thống phải còn ít nhất một quản trị viên đang hoạt động.',
  'error.MEDIA_IN_USE': 'Không xoá được: tệp đang được dùng trong kênh {channels}.',
  'error.PAIRING_CODE_UNKNOWN': 'Không có màn hình nào đang hiện mã {code} (mã hết hạn sau 15 phút).',
  'error.SIGNATURE_INVALID': 'Chữ ký không hợp lệ hoặc chưa đủ người ký.',
  'error.EXPIRED': 'Nội dung đã hết hạn.',
  'error.VERSION': 'Phiên bản này cũ hơn bản màn hình đang có.',
  // the editorial board (issue 16)
  'error.ROLE_NOT_ALLOWED': 'Khi hội đồng biên tập ký duyệt, máy chủ không thể tự xuất bản nội dung: các thành viên duyệt phải ký.',
  'error.OWN_SUBMISSION': 'Bạn đã soạn hoặc gửi phiên bản này nên chữ ký của bạn không được tính: cần một thành viên duyệt khác ký.',
} as const;
